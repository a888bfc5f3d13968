// @ts-check
import poolingOn from './pooling-on.js';

/** The same load as pooling-on with a new connection per request: the baseline it is compared with. */
// Object.assign, not object spread: spread is ES2018 and k6 v0.49 parses ES2017 modules.
/** @type {import('./lib/types.js').Scenario} */
export default Object.assign({}, poolingOn, {
  name: 'pooling-off',
  description: 'Direct + streaming gpt-4o-mini at 600 RPM, a new connection per request (no pooling).',
  client: Object.assign({}, poolingOn.client, { pooling: false }),
});
