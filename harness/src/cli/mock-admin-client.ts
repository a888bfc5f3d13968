import type { MockSettings } from '../contracts/live';
import type { MockAdmin } from '../runs/mock-isolation';
import { type ApiTarget, callApi } from './api-client';

/**
 * The mock's admin API through a running harness's `/api/mock/*` (same token), for engines that run
 * outside the harness process (k6): they isolate their runs with the same `isolateMock`.
 */
export function mockAdminViaHarness(target: ApiTarget): MockAdmin {
  return {
    where: `${target.baseUrl}/api/mock`,
    getConfig: () => callApi<MockSettings>(target, '/api/mock/config'),
    putConfig: (config) => callApi<MockSettings>(target, '/api/mock/config', { method: 'PUT', body: config }),
    reset: async () => {
      await callApi(target, '/api/mock/reset', { method: 'POST', body: {} });
    },
  };
}
