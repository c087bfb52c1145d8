import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  ClusterIssuer,
  IssuerDirectory,
  newSigningKey,
  SigningKey,
} from '../oidc';
import { createApiListener } from './api/server';
import {
  ClusterPrincipals,
  ClusterTokens,
  NO_PRINCIPALS,
  tokenRoles,
} from './authentication';
import { KubernetesCluster } from './cluster';
import { UserInfo } from './types';
import { ClusterInfo, clusterInfo, writeConfigFiles } from './configFiles';
import { listenHttps, Listening } from './httpsServer';

export interface KubernetesClusterSpec {
  /** The AKS managed cluster's name (= context name, = the catalog Resource name). */
  name: string;
  /** The GUID in the issuer URL. Default: derived from the name, so URLs survive restarts. */
  issuerGuid?: string;
  tenantId?: string;
  /** ARM coordinates, echoed in the cluster list for the portal. */
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  /** API server port; 0 = ephemeral. Default: `basePort + 1 + index`. */
  port?: number;
  /** Serve aad-pod-identity's CRDs. */
  aadPodIdentity?: boolean;
  /** Install the workload identity webhook at (re)start. Default true. */
  workloadIdentityWebhook?: boolean;
}

export interface StartKubernetesTwinOptions {
  /** The sandbox folder (`.sandbox/`): kubeconfig, cluster list and tokens go here. */
  dir: string;
  tls: { certPem: string; keyPem: string; caCertPem: string };
  clusters?: KubernetesClusterSpec[];
  tenantId?: string;
  /** The Entra twin's authority host, injected into pods as AZURE_AUTHORITY_HOST. */
  authorityHost?: string;
  /** Issuer server port; clusters follow. 0 = every port ephemeral (tests). Default 6440. */
  basePort?: number;
  /** Write kubeconfig and the cluster list into `dir` (default true). */
  writeFiles?: boolean;
  /** Users besides each cluster's admin, and their RBAC (e.g. the portal's). Default: none. */
  principals?: ClusterPrincipals;
}

export interface KubernetesTwin {
  clusters: KubernetesCluster[];
  cluster(name: string): KubernetesCluster;
  /** `https://localhost:<port>`, the host of every cluster's issuer. */
  issuerBaseUrl: string;
  /** Builds an AKS-like issuer URL on the twin's issuer host: `<base>/<tenant>/<guid>/`. */
  issuerUrlFor(guid: string, tenantId?: string): string;
  /** The issuer URL a cluster had at start (what reset restores). */
  initialIssuerUrl(cluster: string): string;
  /** Where the webhook points pods for Entra (AZURE_AUTHORITY_HOST); set once the Azure twin listens. */
  setAuthorityHost(url: string): void;
  /** How the clusters check Entra ID tokens (Entra ID integration); set once the Azure twin runs. */
  setEntraTokens(check: (token: string) => UserInfo | undefined): void;
  kubeconfigPath: string;
  caCertPem: string;
  dir: string;
  /** Everything the portal needs per cluster (URL, CA, tokens, issuer). */
  clusterInfo(): ClusterInfo[];
  /** Rewrites kubeconfig and the cluster list (after an issuer change). */
  writeConfigFiles(): Promise<void>;
  /** Every cluster back to a fresh cluster with its original issuer and key. */
  reset(): void;
  stop(): Promise<void>;
}

export const DEFAULT_TENANT_ID = '72f988bf-0000-0000-0000-000000000001';
export const DEFAULT_BASE_PORT = 6440;
export const DEFAULT_CLUSTERS: KubernetesClusterSpec[] = [
  {
    name: 'aks-prod',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'rg-aks',
    location: 'eastus',
  },
  {
    name: 'aks-dev',
    subscriptionId: '00000000-0000-0000-0000-000000000002',
    resourceGroup: 'rg-aks-dev',
    location: 'westeurope',
    aadPodIdentity: true,
  },
];

/** A GUID-shaped value derived from text (stable issuer URLs across restarts). */
export function stableGuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
}

/**
 * Starts the Kubernetes half of the sandbox: one HTTPS API server per
 * cluster and one HTTPS host for all clusters' OIDC issuers, then writes
 * `kubeconfig`, `kubernetes-clusters.json` and `app-config.kubernetes.yaml`
 * into `dir`.
 */
export async function startKubernetesTwin(
  options: StartKubernetesTwinOptions,
): Promise<KubernetesTwin> {
  const specs = options.clusters ?? DEFAULT_CLUSTERS;
  const basePort = options.basePort ?? DEFAULT_BASE_PORT;
  const defaultTenant = options.tenantId ?? DEFAULT_TENANT_ID;
  const principals = options.principals ?? NO_PRINCIPALS;
  const directory = new IssuerDirectory();
  const listeners: Listening[] = [];
  const issuerServer = await listenHttps(
    options.tls,
    basePort,
    directory.listener,
  );
  listeners.push(issuerServer);
  const issuerUrlFor = (guid: string, tenantId = defaultTenant) =>
    `${issuerServer.url}/${tenantId}/${guid}/`;
  const tokens = await loadOrCreateTokens(
    options.dir,
    specs.map(s => s.name),
    tokenRoles(principals),
  );

  const clusters: KubernetesCluster[] = [];
  const initial = new Map<
    KubernetesCluster,
    { url: string; key: SigningKey }
  >();
  try {
    for (const [index, spec] of specs.entries()) {
      const tenantId = spec.tenantId ?? defaultTenant;
      const issuer = new ClusterIssuer(
        issuerUrlFor(
          spec.issuerGuid ?? stableGuid(`${spec.name}/issuer`),
          tenantId,
        ),
        newSigningKey(),
      );
      directory.register(issuer);
      const cluster = new KubernetesCluster({
        name: spec.name,
        tenantId,
        issuer,
        authorityHost: options.authorityHost,
        aadPodIdentity: spec.aadPodIdentity,
        workloadIdentityWebhook: spec.workloadIdentityWebhook,
        tokens: tokens[spec.name],
        principals,
      });
      initial.set(cluster, { url: issuer.url, key: issuer.signingKey });
      const server = await listenHttps(
        options.tls,
        spec.port ?? (basePort === 0 ? 0 : basePort + 1 + index),
        createApiListener(cluster),
      );
      listeners.push(server);
      cluster.url = server.url;
      clusters.push(cluster);
    }
  } catch (e) {
    await Promise.all(listeners.map(l => l.close()));
    throw e;
  }

  const info = () =>
    clusters.map((c, i) =>
      clusterInfo(
        c,
        {
          subscriptionId: specs[i].subscriptionId,
          resourceGroup: specs[i].resourceGroup,
          location: specs[i].location,
        },
        options.tls.caCertPem,
      ),
    );
  const write = async () => {
    if (options.writeFiles !== false)
      await writeConfigFiles(options.dir, info(), principals);
  };
  await write();

  return {
    clusters,
    cluster(name) {
      const found = clusters.find(c => c.name === name);
      if (!found)
        throw new Error(
          `No cluster '${name}' in the Kubernetes twin (have: ${clusters
            .map(c => c.name)
            .join(', ')})`,
        );
      return found;
    },
    issuerBaseUrl: issuerServer.url,
    issuerUrlFor,
    initialIssuerUrl(name) {
      const found = clusters.find(c => c.name === name);
      if (!found)
        throw new Error(`No cluster '${name}' in the Kubernetes twin`);
      return initial.get(found)!.url;
    },
    setAuthorityHost(url) {
      for (const cluster of clusters) cluster.setAuthorityHost(url);
    },
    setEntraTokens(check) {
      for (const cluster of clusters) cluster.entraTokens = check;
    },
    kubeconfigPath: path.join(options.dir, 'kubeconfig'),
    caCertPem: options.tls.caCertPem,
    dir: options.dir,
    clusterInfo: info,
    writeConfigFiles: write,
    reset() {
      for (const cluster of clusters) {
        const start = initial.get(cluster)!;
        cluster.issuer.restore({ url: start.url, key: start.key, history: [] });
        cluster.reset();
      }
    },
    stop: async () => {
      await Promise.all(listeners.map(l => l.close()));
    },
  };
}

/** Bearer tokens per cluster, kept in `dir` so the portal's config stays valid across restarts. */
async function loadOrCreateTokens(
  dir: string,
  names: string[],
  roles: string[],
): Promise<Record<string, ClusterTokens>> {
  const file = path.join(dir, 'kubernetes-tokens.json');
  const existing: Record<string, Record<string, string>> = JSON.parse(
    await fs.readFile(file, 'utf8').catch(() => '{}'),
  );
  const fresh = (role: string) =>
    `sbx-${role}-${randomBytes(24).toString('base64url')}`;
  let changed = false;
  const tokens: Record<string, ClusterTokens> = {};
  for (const name of names) {
    if (!roles.every(role => existing[name]?.[role])) {
      existing[name] = Object.fromEntries(roles.map(r => [r, fresh(r)]));
      changed = true;
    }
    tokens[name] = Object.fromEntries(
      roles.map(r => [r, existing[name][r]]),
    ) as ClusterTokens;
  }
  if (changed) {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(file, `${JSON.stringify(existing, null, 2)}\n`, {
      mode: 0o600,
    });
  }
  return tokens;
}
