import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  freePort,
  RunningProcess,
  startProcess,
  waitFor,
} from '../../../packages/backend/src/productionPath/__testUtils__/processes';
import {
  SandboxProcess,
  startSandboxProcess,
} from '../../../packages/backend/src/productionPath/__testUtils__/startSandboxProcess';
import { AdopterRepo } from './adopterRepo';
import { REPO_ROOT, repoPath, WORK_DIR } from './paths';

const run = promisify(execFile);

export interface AdopterPortal {
  /** Where the backend serves the API and the built app. */
  url: string;
  backend: RunningProcess;
  sandbox: SandboxProcess;
  stop(): Promise<void>;
}

/**
 * What differs per run, in the app-config.local.yaml `backstage-cli` reads beside
 * app-config.yaml: the port, and the demo world the sandbox serves as the catalog.
 */
async function writeLocalConfig(repo: AdopterRepo, port: number) {
  const url = `http://localhost:${port}`;
  await fs.writeFile(
    path.join(repo.root, 'app-config.local.yaml'),
    [
      // Production's layout: the backend serves the built app on its own URL.
      `app:`,
      `  baseUrl: ${url}`,
      `backend:`,
      `  baseUrl: ${url}`,
      `  listen:`,
      `    port: ${port}`,
      `  cors:`,
      `    origin: ${url}`,
      `catalog:`,
      `  locations:`,
      `    - type: file`,
      `      target: ${path.join(REPO_ROOT, 'demo', 'catalog.yaml')}`,
      '',
    ].join('\n'),
  );
  return url;
}

/** `yarn build` of packages/app: the production bundle app-backend serves. */
export async function buildApp(repo: AdopterRepo): Promise<void> {
  await run('backstage-cli', ['package', 'build'], {
    cwd: repo.appDir,
    env: { ...process.env, PATH: repoPath() },
    maxBuffer: 64 << 20,
  });
}

/**
 * The new backend, started as `yarn start` starts it in packages/backend, against the sandbox
 * of Azure and AKS, with the sandbox's clusters in the Kubernetes plugin's configuration and its
 * principal in the Azure SDK's own variables, as the plugin's README asks of an adopter.
 */
export async function startAdopterPortal(
  repo: AdopterRepo,
): Promise<AdopterPortal> {
  const port = await freePort();
  const url = await writeLocalConfig(repo, port);
  await buildApp(repo);
  const sandbox = await startSandboxProcess();

  const clusters: Record<string, string> = {};
  for (const c of sandbox.clusters) {
    const key = c.name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    clusters[`${key}_SUBSCRIPTION_ID`] = c.subscriptionId;
    clusters[`${key}_RESOURCE_GROUP`] = c.resourceGroup;
  }
  const config = [
    path.join(repo.root, 'app-config.yaml'),
    path.join(repo.root, 'app-config.local.yaml'),
    path.join(sandbox.dir, 'app-config.kubernetes.yaml'),
  ];
  const backend = startProcess({
    command: 'backstage-cli',
    args: ['package', 'start', ...config.flatMap(c => ['--config', c])],
    cwd: repo.backendDir,
    env: {
      PATH: repoPath(),
      HOME: process.env.HOME,
      ...sandbox.azureEnv,
      ...clusters,
      // The repository's own app is also named `app`, and Node finds it first in the shared
      // node_modules; the new app has a name of its own (app.packageName), found here.
      NODE_PATH: path.join(repo.root, 'node_modules'),
    },
  });
  const stop = async () => {
    await backend.stop();
    await sandbox.stop();
  };
  try {
    await waitFor(
      'the new backend did not serve the demo catalog',
      async () => {
        const health = await fetch(`${url}/api/azure-workload-identity/health`);
        if (!health.ok) return false;
        const token = await guestToken(url);
        const entity = await fetch(
          `${url}/api/catalog/entities/by-name/component/default/orders-api`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        return entity.ok;
      },
      { timeoutMs: 120_000, process: backend },
    );
  } catch (error) {
    // The whole log, for the reader of a failed run; the error carries its end.
    await fs.writeFile(path.join(WORK_DIR, 'backend.log'), backend.output());
    await stop();
    throw error;
  }
  return { url, backend, sandbox, stop };
}

/** A Backstage token of the guest, as the app's sign-in page gets it. */
export async function guestToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in: ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}
