import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_AZURE_PORT, startSandbox } from './startSandbox';

/**
 * `npm run sandbox` at the repo root: serves the twin on 8443 (or
 * SANDBOX_AZURE_PORT) with the demo world, state kept in `.sandbox/` (or SANDBOX_DIR).
 */
async function main() {
  const root = findRepoRoot(process.cwd());
  const dir = process.env.SANDBOX_DIR ?? path.join(root, '.sandbox');
  const started = Date.now();
  const sandbox = await startSandbox({
    dir,
    azure: {
      port: Number(process.env.SANDBOX_AZURE_PORT ?? DEFAULT_AZURE_PORT),
    },
    // The demo world of the portal's catalog: the same names on both sides. Its clusters
    // listen from SANDBOX_KUBERNETES_BASE_PORT (0: any free ports, as tests need).
    demo: {
      catalogPath: path.join(root, 'demo', 'catalog.yaml'),
      kubernetesBasePort: process.env.SANDBOX_KUBERNETES_BASE_PORT
        ? Number(process.env.SANDBOX_KUBERNETES_BASE_PORT)
        : undefined,
    },
  });
  const clusters = sandbox.demo
    ? `  clusters:  ${sandbox.demo.kubernetes.clusters
        .map(c => c.name)
        .join(', ')} (kubectl --kubeconfig ${
        sandbox.demo.kubernetes.kubeconfigPath
      } get pods -A)\n`
    : '';
  process.stdout.write(
    [
      `Azure twin on ${sandbox.azure.url} (started in ${
        Date.now() - started
      } ms)`,
      `  env file:  ${sandbox.azure.envPath}`,
      `  CA:        ${sandbox.tls.caPath}`,
      `  admin:     ${sandbox.azure.env.SANDBOX_ADMIN_URL} (token in ${sandbox.azure.env.SANDBOX_ADMIN_TOKEN_FILE})`,
      '',
    ].join('\n') + clusters,
  );

  // `npm start` waits for this file before it starts the portal with the env file's variables.
  await fs.writeFile(
    path.join(dir, 'ready.json'),
    JSON.stringify({
      envFile: sandbox.azure.envPath,
      azureUrl: sandbox.azure.url,
      pid: process.pid,
    }),
  );
  const shutdown = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** The nearest folder with backstage.json: `npm run sandbox` runs in the package folder. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'backstage.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

main().catch(e => {
  process.stderr.write(`sandbox failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
