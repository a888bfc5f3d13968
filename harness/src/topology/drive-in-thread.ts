import type { TickSnapshot } from '../driver/executor';
import type { CompletedRecord, DriverRecord } from '../driver/types';
import type { LoopDelay } from '../runs/instrument/loop-delay';
import type { RequestIds } from '../runs/load-request-span';
import type { ScenarioPlan } from '../scenarios/plan';
import type { ScenarioRunResult } from '../scenarios/run';
import { derivedRequestIds } from './derived-ids';
import type { DriverJob } from './driver-messages';
import { type DriverThread, DriverThreadCrashed, startDriverThread } from './driver-thread';

/** Error class of a request that was sent when the driver thread died: its outcome is unknown. */
export const DRIVER_CRASHED = 'driver_crashed';

/**
 * Drive a run in the driver thread, for the run manager: every verdict comes back with its ids;
 * `stop` reaches the thread through the run's signal. If the thread dies, each request it had sent
 * without a verdict yet gets an error record (`driver_crashed`, zero duration: the outcome is
 * unknown), so every sent request is still a span, and the run fails with the crash as its reason.
 */
export async function driveInThread(
  job: DriverJob,
  plan: ScenarioPlan,
  hooks: {
    signal: AbortSignal;
    onRecord(record: DriverRecord, ids: RequestIds): void;
    onTick(snapshot: TickSnapshot): void;
    /** The thread's own loop delay over the measured window. */
    onLoop?(delay: LoopDelay): void;
    /** The thread, once started (tests crash it). */
    onThread?(thread: DriverThread): void;
  },
): Promise<ScenarioRunResult> {
  const pending = new Map<number, number>();
  const thread = startDriverThread(job, {
    onSent: (index) => pending.set(index, Date.now()),
    onRecord: (record) => {
      pending.delete(record.index);
      hooks.onRecord(record, derivedRequestIds(job.runId, record.index));
    },
    onTick: hooks.onTick,
    ...(hooks.onLoop ? { onLoop: hooks.onLoop } : {}),
  });
  hooks.onThread?.(thread);
  const stop = () => thread.stop();
  hooks.signal.addEventListener('abort', stop, { once: true });
  try {
    return await thread.result;
  } catch (e) {
    if (e instanceof DriverThreadCrashed)
      for (const [index, at] of pending) {
        const offset = plan.schedule.offsetsMs[index] ?? 0;
        const record: CompletedRecord = {
          kind: 'completed',
          index,
          scheduledAt: at,
          scheduledOffsetMs: offset,
          sentAt: at,
          latenessMs: 0,
          latencyMs: 0,
          outcome: { status: 'error', errorClass: DRIVER_CRASHED },
          warmup: offset < plan.warmupMs,
        };
        hooks.onRecord(record, derivedRequestIds(job.runId, index));
      }
    throw e;
  } finally {
    hooks.signal.removeEventListener('abort', stop);
  }
}
