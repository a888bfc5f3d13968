import { createRng, hash32 } from '../content/rng';
import type { MockContext } from '../context';
import type { ErrorRenderer, RouteScope } from '../http/route';
import { sleep } from '../latency/sleep';
import { timeoutHoldMs } from './inject';
import { assertNever } from './kinds';
import { chooseFault } from './select';

/** A batch-level fault stored on the batch at creation and applied when it ends. */
export interface BatchFault {
  kind: 'batch_item_failure' | 'batch_partial' | 'batch_expired';
  /** The creation request's placement draw (0–1): seeds which items are hit. */
  v: number;
}

/** What happens to one item of a faulted batch. */
export type ItemFate = 'ok' | 'failed' | 'missing' | 'expired';

/** Share of items hit by `batch_item_failure` / `batch_partial` (seed: 1–5 % of requests). */
const ITEM_SHARE = 0.05;

/**
 * Per-item fates, deterministic in the draw: `batch_item_failure` fails ~5 % of items (at least
 * one), `batch_partial` leaves ~5 % without a result (at least one), `batch_expired` completes
 * the first share (under half) and expires the rest.
 */
export function itemFates(fault: BatchFault | undefined, count: number): ItemFate[] {
  const fates: ItemFate[] = Array.from({ length: count }, () => 'ok');
  if (!fault || count === 0) return fates;
  const rng = createRng(hash32(fault.kind, Math.floor(fault.v * 2 ** 32)));
  if (fault.kind === 'batch_expired') {
    const done = Math.floor(count * fault.v * 0.5);
    return fates.map((_, i) => (i < done ? 'ok' : 'expired'));
  }
  const hit: ItemFate = fault.kind === 'batch_item_failure' ? 'failed' : 'missing';
  for (let i = 0; i < count; i++) if (rng.next() < ITEM_SHARE) fates[i] = hit;
  if (!fates.includes(hit)) fates[rng.int(0, count - 1)] = hit;
  return fates;
}

/**
 * The fault decision of a batch creation: an HTTP failure to answer now (`overloaded`,
 * `server_error`, `timeout`), a batch fault to store, or nothing.
 */
export async function batchCreateFault(
  ctx: MockContext,
  scope: RouteScope,
  errors: ErrorRenderer,
): Promise<{ response?: Response; fault?: BatchFault }> {
  const sel = scope.selection;
  if (!sel) throw new Error('batchCreateFault() is only for fault-site routes');
  scope.truth.set({ 'mock.profile': sel.profile.name, 'gen_ai.operation.name': 'batch' });
  const choice = chooseFault(sel, { op: 'batch_create', stream: false, jsonMode: false });
  const kind = choice.kind;
  if (kind === undefined) return {};
  scope.truth.fault(kind, choice.source ?? 'profile');
  switch (kind) {
    case 'overloaded':
      return { response: errors.overloaded() };
    case 'server_error':
      return { response: errors.serverError() };
    case 'request_timeout':
      return { response: errors.requestTimeout() };
    case 'conflict':
      return { response: errors.conflict() };
    case 'timeout':
      await sleep(timeoutHoldMs(ctx.config.timeScale), scope.request.signal);
      return { response: Response.error() };
    case 'batch_item_failure':
    case 'batch_partial':
    case 'batch_expired':
      return { fault: { kind, v: sel.draw.v } };
    case 'rate_limit':
    case 'spend_limit':
    case 'content_filter':
    case 'invalid_json':
    case 'sse_drop':
    case 'sse_stall':
    case 'chunk_malformed':
    case 'incomplete_json':
      throw new Error(`unreachable: ${kind} never applies to batch creation`);
    default:
      return assertNever(kind);
  }
}
