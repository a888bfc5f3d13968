import {
  type Attributes,
  type Context,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { classifyError } from '../client/classify';
import { GENERAL } from '../telemetry/attributes';

/**
 * Run one step of a pattern (retrieval, a tool) under its own INTERNAL span; the step's children
 * hang off the context it receives. Failures are classified and recorded, then rethrown.
 */
export async function inStep<T>(
  tracer: Tracer,
  parent: Context,
  name: string,
  attributes: Attributes,
  fn: (ctx: Context) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, parent);
  try {
    return await fn(trace.setSpan(parent, span));
  } catch (e) {
    const c = classifyError(e);
    span.setAttribute(GENERAL.errorType, c.errorClass);
    span.setStatus({ code: SpanStatusCode.ERROR, message: c.message.slice(0, 500) });
    throw c;
  } finally {
    span.end();
  }
}
