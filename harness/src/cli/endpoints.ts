import type { Stack } from '../stack';
import { describeStore } from '../store/config';

/** What `harness up` and `npm start` print about a running stack: where each part listens. */
export function describeEndpoints(
  stack: Pick<Stack, 'url' | 'providerUrl' | 'mock' | 'otlp' | 'store'>,
): string {
  const mock = stack.mock ? stack.providerUrl : `${stack.providerUrl}  (HARNESS_PROVIDER_URL)`;
  return [
    `harness up (store: ${describeStore(stack.store.config)})`,
    `  Dashboard   ${stack.url}/`,
    `  API         ${stack.url}/api/health`,
    `  Mock        ${mock}`,
    // the receiver's url is the full traces endpoint, ready for an exporter's `url`
    `  OTLP/HTTP   ${stack.otlp.url}  (protobuf or JSON)`,
    '',
  ].join('\n');
}
