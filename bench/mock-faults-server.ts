/**
 * Child-process mock for bench/mock-faults.ts (load generator and server never share a thread).
 * Usage: `node --import tsx bench/mock-faults-server.ts <profile> <published|off>`; prints `READY <port>`.
 */
import { createMockServer } from '../mock-providers/src/index';
import { isMain } from './print';

if (isMain(import.meta.url)) {
  const profile = process.argv[2] ?? 'ideal';
  const rateLimits = process.argv[3] === 'off' ? 'off' : 'published';
  const mock = await createMockServer({ port: 0, timeScale: 0, profile, rateLimits });
  process.stdout.write(`READY ${mock.port}\n`);
}
