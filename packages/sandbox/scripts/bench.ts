/**
 * Prints how long the Azure twin takes to start and to answer a GET at zero
 * configured latency. Run: PATH=/work/main/node_modules/.bin:$PATH tsx scripts/bench.ts
 * (a script, not a timed test: timings on shared CI machines are not assertions).
 */
import { promises as fs } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { baselineAzureSeed } from '../src/azure';
import { startSandbox } from '../src/startSandbox';

const ROUNDS = 500;

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-bench-'));
  const coldStart = process.hrtime.bigint();
  const sandbox = await startSandbox({
    dir,
    azure: {
      port: 0,
      persist: false,
      seed: baselineAzureSeed(),
      realism: { latencyMs: 0, throttle: undefined },
    },
  });
  const startMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const { twin, url } = sandbox.azure;
  const token = twin.context.tokens.issue({
    resource: 'https://management.azure.com',
    objectId: twin.portal.objectId,
    appId: twin.portal.clientId,
  }).token;
  const agent = new https.Agent({ keepAlive: true, ca: sandbox.tls.caCertPem });
  const target = new URL(
    `${url}/subscriptions/${twin.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders?api-version=2024-11-30`,
  );
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      https
        .get(
          target,
          { agent, headers: { authorization: `Bearer ${token}` } },
          res => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
                : reject(new Error(`status ${res.statusCode}`)),
            );
          },
        )
        .on('error', reject);
    });
  for (let i = 0; i < 50; i++) await get(); // warm-up: TLS session, JIT
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await get());
  samples.sort((a, b) => a - b);
  const pct = (p: number) =>
    samples[
      Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))
    ].toFixed(2);
  process.stdout.write(
    `start (TLS material created, twin seeded, listening): ${startMs.toFixed(
      0,
    )} ms\n` +
      `GET user-assigned identity, ${ROUNDS} sequential calls on a keep-alive connection:\n` +
      `  p50 ${pct(50)} ms  p90 ${pct(90)} ms  p99 ${pct(99)} ms  max ${samples[
        samples.length - 1
      ].toFixed(2)} ms\n`,
  );
  agent.destroy();
  await sandbox.stop();
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch(e => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
