import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createAdminHandler } from './admin';
import { AzureTwin, AzureTwinOptions, createAzureTwin } from './azure';
import { writeEnvFile } from './envFile';
import { writeAzEnv } from './az/azEnv';
import {
  chain,
  createRouter,
  Handler,
  json,
  RunningServer,
  startHttpsServer,
} from './http';
import { ensureSandboxTls, SandboxTls } from './tls';
import { KubernetesTwin, startKubernetesTwin } from './kubernetes';
import { createWorkloadRoute } from './workload/workloadRoute';
import {
  demoAzureSeed,
  DemoWorld,
  loadDemoWorld,
  resetDemoWorld,
  seedDemoKubernetes,
} from './demo';
import { AKS_SERVER_APP_ID } from './azure/portalPrincipal';
import { clusterEndpointsOf } from './azure/arm/clusterEndpoints';
import { UserInfo } from './kubernetes/types';
import { BASELINE, ROLE_IDS } from './azure';

export const DEFAULT_AZURE_PORT = 8443;

export interface StartSandboxOptions {
  /** The repo's `.sandbox/` (git-ignored): CA, env file, admin token, keys, snapshot. */
  dir: string;
  azure?: AzureTwinOptions & {
    /** Default 8443; tests pass 0 for a free port. */
    port?: number;
    /** Default `localhost`. */
    host?: string;
  };
  /** Extra admin routes mounted under `/admin` (the Kubernetes half's seeding and faults). */
  adminRoutes?: Handler[];
  /**
   * The demo world: its AKS clusters as Kubernetes twins, and the Azure side seeded from the
   * components of the catalog file (the repo's demo/catalog.yaml). The Azure seed given in
   * `azure.seed` is replaced by the demo's.
   */
  demo?: {
    catalogPath: string;
    /** Issuer server port; the clusters' API servers follow. Default 6440; tests pass 0. */
    kubernetesBasePort?: number;
  };
}

export interface StartedDemo {
  world: DemoWorld;
  kubernetes: KubernetesTwin;
  /** Restores the demo world on both halves. */
  reset(): Promise<void>;
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

export interface Sandbox {
  tls: SandboxTls;
  azure: StartedAzure;
  demo?: StartedDemo;
  stop(): Promise<void>;
}

/**
 * Starts the local twin of Azure (and, once plugged in, of the AKS clusters)
 * and writes what clients need into `dir`.
 */
export async function startSandbox(
  options: StartSandboxOptions,
): Promise<Sandbox> {
  const dir = path.resolve(options.dir);
  const tls = await ensureSandboxTls({ dir });
  const stoppers: Array<() => Promise<void>> = [];
  let azureOptions: AzureTwinOptions & { port?: number; host?: string } =
    options.azure ?? {};

  // The Kubernetes half starts first: the Azure seed needs the issuer URLs its clusters serve.
  let world: DemoWorld | undefined;
  let kubernetes: KubernetesTwin | undefined;
  if (options.demo) {
    world = await loadDemoWorld(options.demo.catalogPath);
    kubernetes = await startKubernetesTwin({
      dir,
      tls,
      clusters: world.clusterSpecs(),
      tenantId: azureOptions.tenantId ?? BASELINE.tenantId,
      basePort: options.demo.kubernetesBasePort,
    });
    const started = kubernetes;
    stoppers.push(() => started.stop());
    const subscriptions = [
      ...new Set(world.clusters.map(c => c.subscriptionId)),
    ];
    azureOptions = {
      ...azureOptions,
      seed: demoAzureSeed(world, kubernetes),
      // The portal's own principal may manage every subscription of the demo.
      portalRoles: subscriptions.map(sub => ({
        role: ROLE_IDS.owner,
        scope: `/subscriptions/${sub}`,
      })),
    };
  }

  const twin = await createAzureTwin({
    persist: true,
    ...azureOptions,
    dir,
    caPem: tls.caCertPem,
  });
  const adminToken = await loadOrCreateAdminToken(dir);

  // The demo exists only once the server listens; the route reads it when called.
  let demo: StartedDemo | undefined;
  const demoRoutes = createRouter().post('/admin/demo/reset', async () => {
    if (!demo) {
      return json(404, {
        error: {
          code: 'NoDemo',
          message: 'This sandbox was started without the demo world.',
        },
      });
    }
    const started = Date.now();
    await demo.reset();
    return json(200, { reset: true, durationMs: Date.now() - started });
  });
  const admin = createAdminHandler({
    token: adminToken,
    azure: twin,
    extraRoutes: [
      demoRoutes.handler,
      createWorkloadRoute(() => demo?.kubernetes).handler,
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

  if (world && kubernetes) {
    const [w, k] = [world, kubernetes];
    k.setAuthorityHost(server.url);
    k.setEntraTokens(entraUserOf(twin));
    twin.context.clusterEndpoints = clusterEndpointsOf(() => k.clusterInfo());
    seedDemoKubernetes(w, k);
    await k.writeConfigFiles();
    demo = {
      world: w,
      kubernetes: k,
      reset: () =>
        resetDemoWorld({
          world: w,
          azure: twin,
          kubernetes: k,
          azureSeededByTwin: true,
        }),
    };
  }

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
    ...provisionerTokenEnv(demo?.kubernetes.clusterInfo() ?? []),
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
    demo,
    async stop() {
      await Promise.all([server.close(), ...stoppers.map(s => s())]);
      await twin.flush();
    },
  };
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

/**
 * The provisioner's token of each demo cluster, for app-config.yaml to pick up as
 * KUBERNETES_PROVISIONER_TOKEN_<CLUSTER> (e.g. _AKS_PROD): the portal's write access to
 * service accounts, kept apart from the reader's token the Kubernetes plugin uses.
 */
function provisionerTokenEnv(
  clusters: Array<{ name: string; tokens: { provisioner: string } }>,
): Record<string, string> {
  return Object.fromEntries(
    clusters.map(c => [
      `KUBERNETES_PROVISIONER_TOKEN_${c.name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '_')}`,
      c.tokens.provisioner,
    ]),
  );
}
