import path from 'node:path';
import {
  freePort,
  REPO_ROOT,
  repoPath,
  RunningProcess,
  startProcess,
  waitFor,
} from './processes';

export interface BackendProcess {
  url: string;
  process: RunningProcess;
  /** A Backstage token of one of the test's people. */
  tokenOf(persona: string): Promise<string>;
  /** A call to the workload identity API as that person. */
  api(
    persona: string,
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * The repository's backend, started as `backstage-cli package start` starts it, with
 * app-config.yaml, app-config.production.yaml and the test's sign-in, and the environment an
 * adopter's deployment would set: nothing else reaches it.
 */
export async function startBackendProcess(options: {
  env: Record<string, string>;
  /** Waits until the catalog holds this entity, so sign-in and policy can resolve people. */
  entityRef: string;
  /** More configuration files, merged last (e.g. a test's external access token). */
  extraConfig?: string[];
}): Promise<BackendProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const config = [
    path.join(REPO_ROOT, 'app-config.yaml'),
    path.join(REPO_ROOT, 'app-config.production.yaml'),
    path.join(__dirname, '..', 'app-config.test-signin.yaml'),
    ...(options.extraConfig ?? []),
  ];
  const process = startProcess({
    command: path.join(REPO_ROOT, 'node_modules', '.bin', 'backstage-cli'),
    args: ['package', 'start', ...config.flatMap(c => ['--config', c])],
    cwd: path.join(REPO_ROOT, 'packages', 'backend'),
    env: {
      PATH: repoPath(),
      HOME: globalThis.process.env.HOME,
      ...options.env,
      BACKSTAGE_PORT: String(port),
      BACKSTAGE_BASE_URL: url,
    },
  });

  const tokens = new Map<string, string>();
  const tokenOf = async (persona: string) => {
    const known = tokens.get(persona);
    if (known) return known;
    const response = await fetch(`${url}/api/auth/demoPersona/refresh`, {
      headers: {
        'x-requested-with': 'XMLHttpRequest',
        'x-demo-persona': persona,
      },
    });
    if (!response.ok) {
      throw new Error(`sign-in as ${persona}: ${response.status}`);
    }
    const token: string = (await response.json()).backstageIdentity.token;
    tokens.set(persona, token);
    return token;
  };
  const api: BackendProcess['api'] = async (persona, method, route, body) => {
    const response = await fetch(`${url}/api/azure-workload-identity${route}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(persona)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: await response.json().catch(() => undefined),
    };
  };

  const [kind, rest] = options.entityRef.split(':');
  const [namespace, name] = rest.split('/');
  await waitFor(
    `the backend on port ${port} did not serve the catalog's ${options.entityRef}`,
    async () => {
      const health = await fetch(`${url}/api/azure-workload-identity/health`);
      if (!health.ok) return false;
      const entity = await fetch(
        `${url}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
        {
          headers: { authorization: `Bearer ${await tokenOf('pat-platform')}` },
        },
      );
      return entity.ok;
    },
    { timeoutMs: 180_000, process },
  );
  return { url, process, tokenOf, api, stop: () => process.stop() };
}
