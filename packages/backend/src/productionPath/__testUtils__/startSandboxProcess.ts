import { promises as fs } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {
  REPO_ROOT,
  repoPath,
  RunningProcess,
  startProcess,
  waitFor,
} from './processes';

export interface SandboxCluster {
  name: string;
  url: string;
  caData: string;
  subscriptionId: string;
  resourceGroup: string;
}

export interface SandboxProcess {
  dir: string;
  /** The Azure SDK variables it wrote (tenant, principal, authority host, CA file). */
  azureEnv: Record<string, string>;
  clusters: SandboxCluster[];
  /** The twin's admin API: what the platform team would do with `az` and `kubectl`. */
  admin(method: string, route: string, body?: unknown): Promise<any>;
  kubeconfig: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

/** The sandbox as `npm run sandbox` runs it, on free ports in a folder of its own. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'awi-production-'));
  const process = startProcess({
    command: path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    args: [path.join(REPO_ROOT, 'packages', 'sandbox', 'src', 'main.ts')],
    cwd: REPO_ROOT,
    env: {
      PATH: repoPath(),
      HOME: globalThis.process.env.HOME,
      SANDBOX_DIR: dir,
      SANDBOX_AZURE_PORT: '0',
      SANDBOX_KUBERNETES_BASE_PORT: '0',
    },
  });
  const readyFile = path.join(dir, 'ready.json');
  await waitFor(
    'the sandbox did not start',
    async () => !!(await fs.stat(readyFile).catch(() => undefined)),
    { timeoutMs: 60_000, process },
  );
  const ready = JSON.parse(await fs.readFile(readyFile, 'utf8'));
  const azureEnv = parseEnvFile(await fs.readFile(ready.envFile, 'utf8'));
  const clusters: SandboxCluster[] = JSON.parse(
    await fs.readFile(path.join(dir, 'kubernetes-clusters.json'), 'utf8'),
  ).clusters;
  const ca = await fs.readFile(azureEnv.NODE_EXTRA_CA_CERTS, 'utf8');
  const adminToken = (
    await fs.readFile(path.join(dir, 'admin-token'), 'utf8')
  ).trim();

  return {
    dir,
    azureEnv,
    clusters,
    kubeconfig: path.join(dir, 'kubeconfig'),
    process,
    admin: (method, route, body) =>
      httpsJson(`${ready.azureUrl}/admin${route}`, {
        method,
        body,
        ca,
        token: adminToken,
      }),
    async stop() {
      await process.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

/** One JSON call over https trusting the sandbox CA (Node's fetch takes no CA). */
function httpsJson(
  url: string,
  options: { method: string; body?: unknown; ca: string; token: string },
): Promise<any> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method,
        ca: options.ca,
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 300) {
            reject(
              new Error(
                `${options.method} ${url}: ${response.statusCode} ${text}`,
              ),
            );
            return;
          }
          resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(JSON.stringify(options.body));
    request.end();
  });
}
