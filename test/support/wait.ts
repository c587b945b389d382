import { createServer } from 'net';

/** Polls until the check holds; fails the test with a clear message after `seconds`. */
export async function until(check: () => Promise<boolean> | boolean, seconds = 20): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A TCP port on loopback that nothing listens on right now (for throwaway servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
