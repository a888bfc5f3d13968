/**
 * `POST /api/runs/:id/arrivals/:index/begin|end`: how k6 reports an arrival it sends to a URL target
 * (the user's app) itself, to the harness run that owns it. `begin` answers the headers the arrival
 * carries (its W3C `traceparent`, so the app's and the mock's spans join the run's trace); `end`
 * gives its outcome, which the run records like a built-in driver request.
 */
import { z } from 'zod';
import { runId } from './requests';

/** The path: the run and the plan's arrival number (k6's `iterationInTest`). */
export const arrivalParams = z.object({ id: runId, index: z.string().regex(/^\d{1,9}$/, 'a whole number') });

/** Before the request: how late k6 started it, and when it sent this call (epoch ms, same host). */
export const arrivalBeginBody = z
  .object({ latenessMs: z.number().min(0).max(86_400_000), sentAt: z.number().optional() })
  .strict();

/** The headers to send with the arrival; `listening` false when no k6 run of this harness owns it. */
export const arrivalBeginResponse = z.object({
  listening: z.boolean(),
  headers: z.record(z.string(), z.string()),
});

/** What k6 saw: the HTTP status (0: no response), time to first byte, and the transport error. */
export const arrivalEndBody = z
  .object({
    latenessMs: z.number().min(0).max(86_400_000),
    httpStatus: z.number().int().min(0).max(999),
    ttfbMs: z.number().min(0).optional(),
    /** The answer was a server-sent event stream (its first byte is the best TTFT k6 can see). */
    eventStream: z.boolean().optional(),
    /** `stream_cut`: a 2xx whose body broke off; `timeout` / `network`: no answer. */
    error: z.enum(['stream_cut', 'timeout', 'network']).optional(),
  })
  .strict();

/** Whether the run recorded it (false: no run listening, or the arrival never began). */
export const arrivalEndResponse = z.object({ recorded: z.boolean() });
