import { createServer } from 'net';

/** Polls until the check holds; fails the test with a clear message after `seconds`. */
export async function until(check: () => Promise<boolean> | boolean, seconds = 20): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A TCP port on loopback that nothing listens on right now (for throwaway servers and spawned
 * processes). Not one the OS hands out (port 0): those come from the ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 here), which every outgoing connection of
 * the machine (PostgreSQL, Redis, HTTP clients of the other Jest worker) also draws its local port
 * from, so between this check and the process's own listen another connection could take it (seen:
 * a spawned API exiting with EADDRINUSE while the health check reached a neighbour's process).
 * Below that range, each Jest worker draws from a block of its own, and never the same port twice.
 */
const handedOut = new Set<number>();
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const blockSize = 1500;
  const first = 20000 + ((worker - 1) % 8) * blockSize;
  for (let tries = 0; tries < 200; tries++) {
    const port = first + Math.floor(Math.random() * blockSize);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${first}-${first + blockSize - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
