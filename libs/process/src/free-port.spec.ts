import { createServer, type Server } from 'node:net';
import { freePort, LOOPBACK } from './free-port.js';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve(server));
  });
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('freePort', () => {
  it('gives the preferred port when it is free, and another one when it is taken', async () => {
    const preferred = await freePort();
    await expect(freePort(preferred)).resolves.toBe(preferred);

    const holder = await listen(preferred);
    try {
      const other = await freePort(preferred);
      expect(other).not.toBe(preferred);
      expect(other).toBeGreaterThan(0);
    } finally {
      await close(holder);
    }
  });
});
