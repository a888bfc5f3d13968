import { type ComparedRequest, type InstrumentError, instrumentError } from './instrument-error';
import { type LoopDelay, monitorLoopDelay } from './loop-delay';

/** Where a run's instrument error comes from once it ended: the store, after every span landed. */
export interface InstrumentSource {
  /** Flush every span pipeline, then join the run's requests to the mock's ground truth. */
  compared(runId: string): Promise<ComparedRequest[]>;
  /**
   * The harness's other loops (worker threads): `mark` when the warm-up ends, `read` their delay
   * over the same window at the run's end.
   */
  otherLoops?: { mark(): void; read(): Promise<LoopDelay[]> };
}

/** Self-measurement of one run, from its start to its end. */
export interface RunInstrument {
  /** Stop measuring and compute the section; null (with the reason logged) when the store failed. */
  finish(
    runId: string,
    latenessP99: number | null,
    /** Loops that reported by themselves over the measured window (the run's driver thread). */
    ownLoops?: LoopDelay[],
  ): Promise<InstrumentError | null>;
  /** Stop measuring without a result (the run failed). */
  cancel(): void;
}

/**
 * Start watching this process's event loop for one run; the warm-up is forgotten when it ends, so
 * the loop figures cover the measured window like every other figure.
 */
export function startRunInstrument(
  warmupMs: number,
  source: InstrumentSource | undefined,
  log: (msg: string, extra?: object) => void,
  /** Set when the run's requests must not be compared with the mock (the user's app is in between). */
  notCompared?: string,
): RunInstrument {
  const loop = monitorLoopDelay('harness');
  const markWarmupEnd = () => {
    loop.reset();
    source?.otherLoops?.mark();
  };
  // the other loops' window starts with this run, then again when its warm-up ends
  source?.otherLoops?.mark();
  const warm = warmupMs > 0 ? setTimeout(markWarmupEnd, warmupMs) : undefined;
  warm?.unref();
  return {
    cancel() {
      clearTimeout(warm);
      loop.stop();
    },
    async finish(runId, latenessP99, ownLoops = []) {
      clearTimeout(warm);
      const loops = [loop.stop(), ...ownLoops, ...((await source?.otherLoops?.read()) ?? [])];
      if (notCompared) return { ...instrumentError([], loops, latenessP99), notCompared };
      if (!source) return instrumentError([], loops, latenessP99);
      try {
        return instrumentError(await source.compared(runId), loops, latenessP99);
      } catch (e) {
        log('cannot measure the instrument error', { runId, error: (e as Error).message });
        return null;
      }
    },
  };
}
