/**
 * The whole-shape response schemas match their types both ways. `satisfies` proves what a schema
 * passes is a value of its type; these prove every value of the type passes the schema's typing,
 * so no field the type makes optional or nullable is required or non-null in the schema. Checked
 * by `tsc -b`. The mock's `rateLimits` is left out: the type says `unknown`, the schema names the
 * mock's shapes; `settings` is left out where it only nests the schemas checked on their own here.
 */
import type { Stats } from 'mock-providers';
import { expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { RunRecord } from '../runs/registry';
import type { RunReport } from '../runs/report/report-data';
import type { Comparison } from './compare';
import type { MockSettings, RunSettings } from './live';
import type { runReport } from './report';
import type { API_ROUTES } from './routes';
import type { mockReset, mockSettings, mockStats, runRecord, runSettings } from './schemas';

type Out<S extends z.ZodType> = z.output<S>;

it('every value of a response type passes its schema (types)', () => {
  expectTypeOf<Omit<RunReport, 'settings'>>().toExtend<Omit<Out<typeof runReport>, 'settings'>>();
  expectTypeOf<Omit<RunRecord, 'settings'>>().toExtend<Omit<Out<typeof runRecord>, 'settings'>>();
  expectTypeOf<Pick<RunSettings, 'client'>>().toExtend<Pick<Out<typeof runSettings>, 'client'>>();
  expectTypeOf<Omit<MockSettings, 'rateLimits'>>().toExtend<Omit<Out<typeof mockSettings>, 'rateLimits'>>();
  expectTypeOf<Stats>().toExtend<Out<typeof mockStats>>();
  expectTypeOf<{ ok: true }>().toExtend<Out<typeof mockReset>>();
  expectTypeOf<Comparison>().toExtend<Out<(typeof API_ROUTES)['compare']['response']>>();
});
