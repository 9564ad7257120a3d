/**
 * Loopback ports for tests that start servers which cannot pick their own port.
 * @module
 */
import { createServer } from 'node:net';

/** A port nobody listens on right now (for servers that cannot be told to pick one themselves: Redis, `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const addr = probe.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
