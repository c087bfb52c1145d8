import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/**
 * A Redis for a test: the one CI started (AWI_TEST_REDIS_URL), else a throw-away
 * `redis-server` (Debian's) on a free port, stopped when the test process exits.
 */
export async function redisForTests(): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  const given = process.env.AWI_TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => {} };
  const port = await freePort();
  const server: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) =>
    server.once('error', error =>
      reject(
        new Error(
          `redis-server could not start (install Debian's redis-server): ${error.message}`,
        ),
      ),
    ),
  );
  await Promise.race([waitForPort(port), failed]);
  // Stopped when the test process exits, not before: a cache client whose server vanishes
  // under it reports an error nobody is left to handle.
  process.once('exit', () => server.kill());
  return { url: `redis://127.0.0.1:${port}`, stop: async () => {} };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}
