import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createAdminHandler } from './admin';
import {
  AzureTwin,
  AzureTwinOptions,
  BASELINE,
  createAzureTwin,
} from './azure';
import { clusterEndpointsOf } from './azure/arm/clusterEndpoints';
import { AKS_SERVER_APP_ID } from './azure/entra/aksServerApp';
import { writeAzEnv } from './az/azEnv';
import { writeEnvFile } from './envFile';
import {
  chain,
  createRouter,
  Handler,
  json,
  RunningServer,
  startHttpsServer,
} from './http';
import { KubernetesTwin, startKubernetesTwin, UserInfo } from './kubernetes';
import { ensureSandboxTls, SandboxTls } from './tls';
import type {
  LoadedWorld,
  SandboxPrincipals,
  SandboxWorld,
  StartedWorld,
} from './twinOptions';
import { createWorkloadRoute } from './workload/workloadRoute';

export const DEFAULT_AZURE_PORT = 8443;

export interface StartTwinsOptions<Plan> {
  /** The repo's `.sandbox/` (git-ignored): CA, env file, admin token, keys, snapshot. */
  dir: string;
  azure?: AzureTwinOptions & {
    /** Default 8443; tests pass 0 for a free port. */
    port?: number;
    /** Default `localhost`. */
    host?: string;
  };
  /** Extra admin routes mounted under `/admin`. */
  adminRoutes?: Handler[];
  /** The application's principals on both halves. Default: a generic client, cluster admins only. */
  principals?: SandboxPrincipals;
  /** A staged world; without one only the Azure half runs, with its own seed. */
  world?: SandboxWorld<Plan>;
}

export interface StartedAzure {
  /** `https://localhost:<port>`: ARM endpoint, Entra authority host and data plane. */
  url: string;
  port: number;
  twin: AzureTwin;
  /** What `.sandbox/azure.env` holds. */
  env: Record<string, string>;
  envPath: string;
  /** `.sandbox/az.env`: `source` it to point a shell's `az` at the sandbox. */
  azEnvPath: string;
  adminToken: string;
}

export interface Twins<Plan> {
  tls: SandboxTls;
  azure: StartedAzure;
  world?: StartedWorld<Plan>;
  stop(): Promise<void>;
}

/**
 * The twin core: the Azure twin, and for a world its Kubernetes twins, joined (the
 * clusters trust the Azure half's tokens, ARM knows the clusters' endpoints), with what
 * clients need written into `dir`. Knows no principal and no world of its own; presets
 * bring them (see startSandbox).
 */
export async function startTwins<Plan>(
  options: StartTwinsOptions<Plan>,
): Promise<Twins<Plan>> {
  const dir = path.resolve(options.dir);
  const tls = await ensureSandboxTls({ dir });
  const stoppers: Array<() => Promise<void>> = [];
  let azureOptions: AzureTwinOptions & { port?: number; host?: string } = {
    ...options.azure,
    portal: options.principals?.azure ?? options.azure?.portal,
  };

  // The Kubernetes half starts first: the Azure seed needs the issuer URLs its clusters serve.
  const loaded = await options.world?.load();
  let kubernetes: KubernetesTwin | undefined;
  if (loaded) {
    kubernetes = await startKubernetesTwin({
      dir,
      tls,
      clusters: loaded.clusters,
      tenantId: azureOptions.tenantId ?? BASELINE.tenantId,
      basePort: loaded.kubernetesBasePort,
      principals: options.principals?.kubernetes,
    });
    const started = kubernetes;
    stoppers.push(() => started.stop());
    azureOptions = { ...azureOptions, ...loaded.azure(kubernetes) };
  }

  const twin = await createAzureTwin({
    persist: true,
    ...azureOptions,
    dir,
    caPem: tls.caCertPem,
  });
  const adminToken = await loadOrCreateAdminToken(dir);

  // The world exists only once the server listens; the routes read it when called.
  let world: StartedWorld<Plan> | undefined;
  const admin = createAdminHandler({
    token: adminToken,
    azure: twin,
    extraRoutes: [
      worldResetRoute(() => world),
      createWorkloadRoute(() => world?.kubernetes).handler,
      ...(options.adminRoutes ?? []),
    ],
  });
  let server: RunningServer;
  try {
    server = await startHttpsServer({
      tls,
      port: azureOptions.port ?? DEFAULT_AZURE_PORT,
      host: azureOptions.host,
      handler: chain(admin, twin.handler),
      notFound: req =>
        json(404, {
          error: {
            code: 'NotFound',
            message: `The sandbox does not serve ${req.method} ${req.path}.`,
          },
        }),
    });
  } catch (e) {
    await Promise.all(stoppers.map(stop => stop()));
    throw e;
  }

  if (loaded && kubernetes)
    world = await joinWorld({ loaded, kubernetes, twin, url: server.url });

  const env = {
    AZURE_TENANT_ID: twin.tenantId,
    AZURE_CLIENT_ID: twin.portal.clientId,
    AZURE_CLIENT_SECRET: twin.portal.clientSecret,
    AZURE_AUTHORITY_HOST: server.url,
    AZURE_SUBSCRIPTION_ID: twin.subscriptionId,
    AZURE_RESOURCE_MANAGER_ENDPOINT: server.url,
    NODE_EXTRA_CA_CERTS: tls.caPath,
    SANDBOX_ADMIN_URL: `${server.url}/admin`,
    SANDBOX_ADMIN_TOKEN_FILE: path.join(dir, 'admin-token'),
    ...options.principals?.env?.(world?.kubernetes.clusterInfo() ?? []),
  };
  const envPath = path.join(dir, 'azure.env');
  await writeEnvFile(
    envPath,
    env,
    'Written by the sandbox at start. Azure SDK variables for the local Azure twin.',
  );
  const azEnvPath = await writeAzEnv({
    dir,
    azureUrl: server.url,
    caFile: tls.caPath,
    tenantId: twin.tenantId,
    clientId: twin.portal.clientId,
    clientSecret: twin.portal.clientSecret,
  });

  return {
    tls,
    azure: {
      url: server.url,
      port: server.port,
      twin,
      env,
      envPath,
      azEnvPath,
      adminToken,
    },
    world,
    async stop() {
      await Promise.all([server.close(), ...stoppers.map(s => s())]);
      await twin.flush();
    },
  };
}

/** Joins the halves once the Azure twin listens, then stages the world's clusters. */
async function joinWorld<Plan>(options: {
  loaded: LoadedWorld<Plan>;
  kubernetes: KubernetesTwin;
  twin: AzureTwin;
  url: string;
}): Promise<StartedWorld<Plan>> {
  const { loaded, kubernetes, twin } = options;
  kubernetes.setAuthorityHost(options.url);
  kubernetes.setEntraTokens(entraUserOf(twin));
  twin.context.clusterEndpoints = clusterEndpointsOf(() =>
    kubernetes.clusterInfo(),
  );
  loaded.seedKubernetes(kubernetes);
  await kubernetes.writeConfigFiles();
  return {
    world: loaded.plan,
    kubernetes,
    reset: () => loaded.reset({ azure: twin, kubernetes }),
  };
}

/** `POST /admin/demo/reset`: the world back as it was at start, on both halves. */
function worldResetRoute(world: () => StartedWorld<unknown> | undefined) {
  return createRouter().post('/admin/demo/reset', async () => {
    const started = world();
    if (!started) {
      return json(404, {
        error: {
          code: 'NoDemo',
          message: 'This sandbox was started without the demo world.',
        },
      });
    }
    const at = Date.now();
    await started.reset();
    return json(200, { reset: true, durationMs: Date.now() - at });
  }).handler;
}

/**
 * AKS with Entra ID integration: a token the tenant issued for the AKS AAD server application
 * signs in as the principal's object id (Kubernetes RBAC binds it as a User) with its groups.
 */
function entraUserOf(twin: AzureTwin) {
  return (token: string): UserInfo | undefined => {
    const check = twin.context.tokens.verify(
      `Bearer ${token}`,
      aud => aud === AKS_SERVER_APP_ID,
    );
    if (!check.ok) return undefined;
    return {
      username: check.claims.oid,
      groups: ['system:authenticated'],
    };
  };
}

async function loadOrCreateAdminToken(dir: string): Promise<string> {
  const file = path.join(dir, 'admin-token');
  const existing = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await fs.writeFile(file, token, { mode: 0o600 });
  return token;
}
