import { describe, expect, it } from 'vitest';
import { startRunInstrument } from './run-instrument';

describe('a run’s instrument', () => {
  it('does not compare a URL target’s requests with the mock (the app sits in between), and says so', async () => {
    let asked = 0;
    const source = {
      async compared() {
        asked++;
        // what an app in between would look like: 300 ms of its own work on every request
        return [
          {
            stream: true,
            clientTtftMs: 500,
            clientE2eMs: 900,
            mockFirstByteMs: 200,
            mockDurationMs: 600,
            mockDesignedMs: 200,
          },
        ];
      },
    };
    const url = startRunInstrument(0, source, () => undefined, 'URL target: not compared');
    const section = await url.finish('run-url', 1);
    expect(asked).toBe(0);
    expect(section).toMatchObject({
      compared: 0,
      unreliable: false,
      reasons: [],
      notCompared: 'URL target: not compared',
    });

    const builtin = startRunInstrument(0, source, () => undefined);
    const judged = await builtin.finish('run-builtin', 1);
    expect(asked).toBe(1);
    expect(judged?.compared).toBe(1);
    expect(judged?.unreliable).toBe(true);
    expect(judged?.notCompared).toBeUndefined();
  });
});
