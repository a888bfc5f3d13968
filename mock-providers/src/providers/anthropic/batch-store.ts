import type { MockContext } from '../../context';
import type { BatchFault } from '../../faults/batch';
import { defineSlot, stateOf } from '../../state-slots';

/** One request of a Message Batch. */
export interface AnthropicBatchRequest {
  custom_id: string;
  params: unknown;
}

/** A Message Batch as stored; status is derived from the clock. */
export interface AnthropicBatch {
  id: string;
  requests: AnthropicBatchRequest[];
  createdAt: number;
  durationMs: number;
  cancelAt: number | null;
  /** JSONL result lines, produced once when the batch is first seen ended. */
  results: string[] | null;
  counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  /** Batch fault chosen at creation, applied to the results when the batch ends. */
  fault?: BatchFault;
}

/** `in_progress` until the duration passes; `canceling` for a short while after a cancel; then `ended`. */
export function anthropicPhase(
  b: AnthropicBatch,
  now: number,
): { status: 'in_progress' | 'canceling' | 'ended'; endedAt: number | null } {
  const end = b.createdAt + b.durationMs;
  if (b.cancelAt !== null && b.cancelAt < end) {
    const canceledAt = b.cancelAt + Math.max(b.durationMs * 0.05, 50);
    return now < canceledAt
      ? { status: 'canceling', endedAt: null }
      : { status: 'ended', endedAt: canceledAt };
  }
  return now < end ? { status: 'in_progress', endedAt: null } : { status: 'ended', endedAt: end };
}

const BATCHES = defineSlot('anthropic.batches', () => new Map<string, AnthropicBatch>());

/** The Anthropic message batches of one instance, by id. */
export const anthropicBatchesOf = (ctx: MockContext): Map<string, AnthropicBatch> => stateOf(ctx, BATCHES);
