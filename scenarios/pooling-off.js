// @ts-check
import poolingOn from './pooling-on.js';

/** The same load as pooling-on with a new connection per request: the baseline it is compared with. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  ...poolingOn,
  name: 'pooling-off',
  description: 'Direct + streaming gpt-4o-mini at 600 RPM, a new connection per request (no pooling).',
  client: { ...poolingOn.client, pooling: false },
};
