/**
 * The harness API as one route map: method + path → request and response schemas. The server's
 * routes parse requests with the same schemas, the typed client (`createApiClient`) builds calls
 * from it and checks every answer, and a test walks it against a real stack.
 */
import { z } from 'zod';
import {
  arrivalBeginBody,
  arrivalBeginResponse,
  arrivalEndBody,
  arrivalEndResponse,
  arrivalParams,
} from './arrivals';
import { compareQuerySchema } from './compare';
import { instrumentErrorSchema } from './instrument';
import { invokeBody, invokeParams, invokeResponse } from './invoke';
import { runReport } from './report';
import {
  reportFormat,
  runId,
  spanSearchQuery,
  sqlBody,
  startRunBody,
  tag,
  traceId,
  traceSearchQuery,
} from './requests';
import {
  comparison,
  faultProfile,
  healthResponse,
  liveTick,
  mockReset,
  mockSettings,
  mockStats,
  patternStats,
  runInfo,
  runRecord,
  scenarioInfo,
  seriesPoint,
  spanHit,
  sqlResponse,
  traceHit,
  traceSpan,
} from './schemas';

/** One route: how to call it and what it answers (2xx). */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  /** Express-style path; `:name` segments are filled from `params`. */
  path: string;
  params?: z.ZodType<Record<string, string>>;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

const route = <R extends RouteSpec>(r: R) => r;

/** Every JSON route of the harness API (`/api/*`). */
export const API_ROUTES = {
  health: route({ method: 'GET', path: '/api/health', response: healthResponse }),
  scenarios: route({ method: 'GET', path: '/api/scenarios', response: z.array(scenarioInfo) }),
  listRuns: route({ method: 'GET', path: '/api/runs', response: z.object({ runs: z.array(runInfo) }) }),
  startRun: route({
    method: 'POST',
    path: '/api/runs',
    body: startRunBody,
    response: z.object({ runId: z.string(), run: runInfo }),
  }),
  getRun: route({
    method: 'GET',
    path: '/api/runs/:id',
    params: z.object({ id: runId }),
    response: z.object({
      run: runRecord,
      live: liveTick.nullable(),
    }),
  }),
  stopRun: route({
    method: 'POST',
    path: '/api/runs/:id/stop',
    params: z.object({ id: runId }),
    response: z.object({ stopping: z.string() }),
  }),
  arrivalBegin: route({
    method: 'POST',
    path: '/api/runs/:id/arrivals/:index/begin',
    params: arrivalParams,
    body: arrivalBeginBody,
    response: arrivalBeginResponse,
  }),
  arrivalEnd: route({
    method: 'POST',
    path: '/api/runs/:id/arrivals/:index/end',
    params: arrivalParams,
    body: arrivalEndBody,
    response: arrivalEndResponse,
  }),
  report: route({
    method: 'GET',
    path: '/api/runs/:id/report',
    params: z.object({ id: runId }),
    query: z.object({ format: reportFormat.optional() }),
    response: runReport,
  }),
  instrument: route({
    method: 'GET',
    path: '/api/runs/:id/instrument',
    params: z.object({ id: runId }),
    response: instrumentErrorSchema.nullable(),
  }),
  series: route({
    method: 'GET',
    path: '/api/runs/:id/series',
    params: z.object({ id: runId }),
    response: z.object({ runId: z.string(), series: z.array(seriesPoint) }),
  }),
  compare: route({
    method: 'GET',
    path: '/api/compare',
    query: compareQuerySchema,
    response: comparison,
  }),
  patterns: route({
    method: 'GET',
    path: '/api/patterns',
    query: z.object({ run: tag.optional() }),
    response: z.object({ runId: z.string(), patterns: z.array(patternStats) }),
  }),
  traces: route({
    method: 'GET',
    path: '/api/traces',
    query: traceSearchQuery,
    response: z.object({ traces: z.array(traceHit) }),
  }),
  trace: route({
    method: 'GET',
    path: '/api/traces/:traceId',
    params: z.object({ traceId }),
    response: z.object({ traceId: z.string(), spans: z.array(traceSpan) }),
  }),
  spans: route({
    method: 'GET',
    path: '/api/spans',
    query: spanSearchQuery,
    response: z.object({ traces: z.array(spanHit) }),
  }),
  spanServices: route({
    method: 'GET',
    path: '/api/spans/services',
    response: z.object({ services: z.array(z.string()) }),
  }),
  invoke: route({
    method: 'POST',
    path: '/api/invoke/:pattern',
    params: invokeParams,
    body: invokeBody,
    response: invokeResponse,
  }),
  sql: route({ method: 'POST', path: '/api/sql', body: sqlBody, response: sqlResponse }),
  mockConfig: route({ method: 'GET', path: '/api/mock/config', response: mockSettings }),
  putMockConfig: route({
    method: 'PUT',
    path: '/api/mock/config',
    body: z.record(z.string(), z.unknown()),
    response: mockSettings,
  }),
  mockProfiles: route({ method: 'GET', path: '/api/mock/profiles', response: z.array(faultProfile) }),
  mockStats: route({ method: 'GET', path: '/api/mock/stats', response: mockStats }),
  mockReset: route({ method: 'POST', path: '/api/mock/reset', response: mockReset }),
} as const;

/** The name of one API route. */
export type RouteName = keyof typeof API_ROUTES;
/** What a route answers, typed from its schema. */
export type RouteResponse<N extends RouteName> = z.output<(typeof API_ROUTES)[N]['response']>;
