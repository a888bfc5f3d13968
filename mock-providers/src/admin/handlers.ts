import { type HttpHandler, http } from 'msw';
import type { MockContext } from '../context';
import { PROFILES } from '../faults/profiles';
import { describeIssue, json } from '../http/respond';
import { configPatchSchema } from '../options';

const problem = (message: string) => json({ error: { type: 'invalid_config', message } }, 400);

/**
 * The admin API (`/__admin/*`, JSON, not counted in stats): read and patch the config (validated
 * whole before anything is applied), list fault profiles, read stats, reset state.
 */
export function adminHandlers(ctx: MockContext): HttpHandler[] {
  return [
    http.get('*/__admin/config', () => json(ctx.config)),
    http.put('*/__admin/config', async ({ request }) => {
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
    http.post('*/__admin/reset', () => {
      ctx.reset();
      return json({ ok: true });
    }),
  ];
}
