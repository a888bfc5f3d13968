import { describe, expect, it } from 'vitest';
import { defaultTopology, harnessConfigFromEnv } from './config';

describe('topology settings', () => {
  it('default to a driver thread, a mock thread and client workers for the cores left', () => {
    expect(defaultTopology(2)).toEqual({ client: 1, mock: 1, driverThread: true });
    expect(defaultTopology(1)).toEqual({ client: 1, mock: 1, driverThread: true });
    expect(defaultTopology(8)).toEqual({ client: 4, mock: 1, driverThread: true });
  });

  it('are read from the environment, 0 putting the work back on the main loop', () => {
    const c = harnessConfigFromEnv({
      HARNESS_CLIENT_WORKERS: '0',
      HARNESS_MOCK_WORKERS: '0',
      HARNESS_DRIVER_THREAD: '0',
    });
    expect(c.workers).toEqual({ client: 0, mock: 0, driverThread: false });
    expect(harnessConfigFromEnv({ HARNESS_CLIENT_WORKERS: '3' }).workers?.client).toBe(3);
  });

  it('refuse a second mock thread and bad values, naming the setting', () => {
    expect(() => harnessConfigFromEnv({ HARNESS_MOCK_WORKERS: '2' })).toThrow(
      /HARNESS_MOCK_WORKERS.*one place: 0 or 1/,
    );
    expect(() => harnessConfigFromEnv({ HARNESS_CLIENT_WORKERS: 'many' })).toThrow(/HARNESS_CLIENT_WORKERS/);
    expect(() => harnessConfigFromEnv({ HARNESS_DRIVER_THREAD: 'yes' })).toThrow(/HARNESS_DRIVER_THREAD/);
  });
});
