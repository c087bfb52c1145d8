import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createAdminHandler } from './admin';
import { AzureTwin, AzureTwinOptions, createAzureTwin } from './azure';
import { writeEnvFile } from './envFile';
import { chain, Handler, json, RunningServer, startHttpsServer } from './http';
import { ensureSandboxTls, SandboxTls } from './tls';

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
}

export interface StartedAzure {
  /** `https://localhost:<port>`: ARM endpoint, Entra authority host and data plane. */
  url: string;
  port: number;
  twin: AzureTwin;
  /** What `.sandbox/azure.env` holds. */
  env: Record<string, string>;
  envPath: string;
  adminToken: string;
}

export interface Sandbox {
  tls: SandboxTls;
  azure: StartedAzure;
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
  const azureOptions = options.azure ?? {};
  const twin = await createAzureTwin({
    persist: true,
    ...azureOptions,
    dir,
    caPem: tls.caCertPem,
  });
  const adminToken = await loadOrCreateAdminToken(dir);

  // ---------------------------------------------------------------------------
  // Kubernetes half plugs in here. It will export `startKubernetesTwin(...)`
  // from `./kubernetes` and, per cluster, seed ARM with the issuer it serves:
  //
  //   const kubernetes = await startKubernetesTwin({ dir, tls, ... });
  //   for (const c of kubernetes.clusters) twin.state.putManagedCluster({
  //     subscriptionId: twin.subscriptionId, resourceGroup: c.resourceGroup,
  //     name: c.name, issuerUrl: c.issuerUrl, oidcIssuerEnabled: true, workloadIdentityEnabled: true });
  //
  // The Entra twin then fetches that issuer's discovery document and JWKS over
  // HTTPS when it verifies a client assertion — no code coupling needed.
  // Its admin routes go into `adminRoutes`, its stop() into `stoppers` below.
  // ---------------------------------------------------------------------------
  const stoppers: Array<() => Promise<void>> = [];

  const admin = createAdminHandler({
    token: adminToken,
    azure: twin,
    extraRoutes: options.adminRoutes,
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
    await Promise.all(stoppers.map(s => s()));
    throw e;
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
  };
  const envPath = path.join(dir, 'azure.env');
  await writeEnvFile(
    envPath,
    env,
    'Written by the sandbox at start. Azure SDK variables for the local Azure twin.',
  );

  return {
    tls,
    azure: {
      url: server.url,
      port: server.port,
      twin,
      env,
      envPath,
      adminToken,
    },
    async stop() {
      await Promise.all([server.close(), ...stoppers.map(s => s())]);
      await twin.flush();
    },
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
