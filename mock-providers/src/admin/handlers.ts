import { type HttpHandler, http } from 'msw';
import type { MockContext } from '../context';
import { PROFILES } from '../faults/profiles';
import { describeIssue, json } from '../http/respond';
import { configPatchSchema } from '../options';

const problem = (message: string) => json({ error: { type: 'invalid_config', message } }, 400);

/**
 * A web page on another origin must not reconfigure or reset the mock: browsers send `Origin` on
 * every cross-site PUT/POST, so one that names another host is refused. SDKs, curl and the harness
 * send none.
 */
function foreignOrigin(request: Request): Response | undefined {
  const origin = request.headers.get('origin');
  if (!origin) return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host === new URL(request.url).host) return undefined;
  return json(
    { error: { type: 'forbidden_origin', message: `admin changes from origin ${origin} are not allowed` } },
    403,
  );
}

/**
 * The admin API (`/__admin/*`, JSON, not counted in stats): read and patch the config (validated
 * whole before anything is applied), list fault profiles, read stats, reset state.
 */
export function adminHandlers(ctx: MockContext): HttpHandler[] {
  return [
    http.get('*/__admin/config', () => json(ctx.config)),
    http.put('*/__admin/config', async ({ request }) => {
      const refused = foreignOrigin(request);
      if (refused) return refused;
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return problem('body is not valid JSON');
      }
      const parsed = configPatchSchema.safeParse(body);
      if (!parsed.success) {
        const { message } = describeIssue(parsed.error);
        return problem(message);
      }
      const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
      ctx.update(patch);
      return json(ctx.config);
    }),
    http.get('*/__admin/profiles', () => json(PROFILES)),
    http.get('*/__admin/stats', () => json(ctx.stats.snapshot())),
    http.post('*/__admin/reset', ({ request }) => {
      const refused = foreignOrigin(request);
      if (refused) return refused;
      ctx.reset();
      return json({ ok: true });
    }),
  ];
}
