// Free loopback ports for servers that tests and benchmarks start when the port must be known before the server listens
// (Prism's command line, the webhook URL a sandbox is given before `verify` listens on it).
// The port is picked at random BELOW the kernel's ephemeral range: every `listen(0)` and every outgoing
// connection takes its port from that range, so a port found free here cannot be taken by them in the
// moment between this check and the real listen (a race that picking with `listen(0)` itself would have).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const FLOOR = 10_000;

function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && low > FLOOR + 1000) return low;
  } catch {
    // not Linux: fall through to the usual default
  }
  return 32_768;
}

const CEILING = ephemeralStart();

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const got = typeof addr === 'object' && addr ? addr.port : undefined;
      srv.close(() => resolve(got));
    });
  });
}

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = FLOOR + Math.floor(Math.random() * (CEILING - FLOOR));
    const port = await tryListen(candidate);
    if (port !== undefined) return port;
  }
  const port = await tryListen(0);
  if (port === undefined) throw new Error('no free loopback port found');
  return port;
}
