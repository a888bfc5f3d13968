import type { MockContext } from '../../context';
import type { BatchFault } from '../../faults/batch';
import { defineSlot, stateOf } from '../../state-slots';

/** One parsed input line of a batch file. */
export interface BatchLine {
  custom_id: string;
  method: string;
  url: string;
  body: unknown;
}

/** An OpenAI batch as stored; its status is derived from the clock (see `batchPhase`). */
export interface OpenAIBatch {
  id: string;
  endpoint: string;
  inputFileId: string;
  metadata: Record<string, string> | null;
  createdAt: number;
  durationMs: number;
  lines: BatchLine[];
  /** Validation errors found at creation (→ `failed` once validation ends). */
  invalid: Array<{ code: string; message: string; param: string | null; line: number | null }>;
  cancelAt: number | null;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { completed: number; failed: number };
  /** True once the output/error files were produced. */
  finished: boolean;
  /** Batch fault chosen at creation (`batch_expired` turns `completed` into `expired`). */
  fault?: BatchFault;
  /** Tenant and model of the batch, and its estimated tokens (enqueued-token limit). */
  apiKey?: string;
  model?: string | null;
  tokens?: number;
}

/** Batch lifecycle phases, in the order the real API moves through them. */
export type BatchPhase =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** Batches complete after `max(60 s × timeScale, 200 ms)` (ARCHITECTURE.md). */
export function batchDuration(ctx: MockContext): number {
  return Math.max(60_000 * ctx.config.timeScale, 200);
}

/** Time from a cancel request to `cancelled`. */
export const cancelDelay = (b: OpenAIBatch): number => Math.max(b.durationMs * 0.05, 50);

/** The phase a batch is in at `now`, with the instant each reached phase began. */
export function batchPhase(
  b: OpenAIBatch,
  now: number,
): { phase: BatchPhase; at: Partial<Record<BatchPhase, number>> } {
  const at: Partial<Record<BatchPhase, number>> = { validating: b.createdAt };
  const inProgress = b.createdAt + b.durationMs * 0.1;
  const finalizing = b.createdAt + b.durationMs * 0.8;
  const completed = b.createdAt + b.durationMs;
  if (b.invalid.length > 0) {
    if (now < inProgress) return { phase: 'validating', at };
    return { phase: 'failed', at: { ...at, failed: inProgress } };
  }
  if (b.cancelAt !== null && b.cancelAt < completed) {
    if (b.cancelAt >= inProgress) at.in_progress = inProgress;
    at.cancelling = b.cancelAt;
    if (now < b.cancelAt + cancelDelay(b)) return { phase: 'cancelling', at };
    return { phase: 'cancelled', at: { ...at, cancelled: b.cancelAt + cancelDelay(b) } };
  }
  if (now < inProgress) return { phase: 'validating', at };
  at.in_progress = inProgress;
  if (b.fault?.kind === 'batch_expired') {
    // the completion window ran out while in progress: no finalizing, straight to expired
    return now < completed
      ? { phase: 'in_progress', at }
      : { phase: 'expired', at: { ...at, expired: completed } };
  }
  if (now < finalizing) return { phase: 'in_progress', at };
  at.finalizing = finalizing;
  if (now < completed) return { phase: 'finalizing', at };
  return { phase: 'completed', at: { ...at, completed } };
}

/** Fraction of lines processed at `now` (for `request_counts` while in progress). */
export function progress(b: OpenAIBatch, now: number): number {
  const start = b.createdAt + b.durationMs * 0.1;
  const end = b.createdAt + b.durationMs * 0.8;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

const BATCHES = defineSlot('openai.batches', () => new Map<string, OpenAIBatch>());

/** The OpenAI batches of one instance, by id. */
export const openaiBatchesOf = (ctx: MockContext): Map<string, OpenAIBatch> => stateOf(ctx, BATCHES);
