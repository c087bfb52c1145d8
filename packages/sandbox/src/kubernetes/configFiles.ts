import { promises as fs } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { ClusterPrincipals, ClusterTokens } from './authentication';
import type { KubernetesCluster } from './cluster';

/** What the portal (and the Azure half) need to know about each cluster. */
export interface ClusterInfo {
  name: string;
  /** Kubernetes API server URL. */
  url: string;
  /** Current OIDC issuer URL (ends with `/`). */
  issuerUrl: string;
  previousIssuerUrls: string[];
  tenantId: string;
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  /** Base64 of the sandbox CA, as kubeconfig and the Kubernetes plugin take it. */
  caData: string;
  tokens: ClusterTokens;
}

export const KUBECONFIG_FILE = 'kubeconfig';
export const CLUSTERS_FILE = 'kubernetes-clusters.json';
export const APP_CONFIG_FILE = 'app-config.kubernetes.yaml';

/**
 * A kubeconfig with one context per cluster (named like the cluster, as `az
 * aks get-credentials` does) acting as the cluster admin, plus a
 * `<cluster>-<role>` context per principal (the portal's `-reader` and
 * `-provisioner`).
 */
export function kubeconfig(
  clusters: ClusterInfo[],
  principals: ClusterPrincipals,
): string {
  const adminUser = (c: ClusterInfo) =>
    `clusterAdmin_${c.resourceGroup ?? 'rg-aks'}_${c.name}`;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': c.caData },
    })),
    users: clusters.flatMap(c => [
      { name: adminUser(c), user: { token: c.tokens.admin } },
      ...principals.users.map(u => ({
        name: `${c.name}-${u.kubeconfigUser}`,
        user: { token: c.tokens[u.role] },
      })),
    ]),
    contexts: clusters.flatMap(c => [
      { name: c.name, context: { cluster: c.name, user: adminUser(c) } },
      ...principals.users.map(u => ({
        name: `${c.name}-${u.role}`,
        context: { cluster: c.name, user: `${c.name}-${u.kubeconfigUser}` },
      })),
    ]),
    'current-context': clusters[0]?.name ?? '',
  };
  return yaml.dump(doc, { lineWidth: -1 });
}

/**
 * The Kubernetes plugin's own cluster list (`kubernetes.clusterLocatorMethods`), as the portal
 * reads it, and the issuers rebuilt clusters had before, for the identity card.
 */
export function appConfig(
  clusters: ClusterInfo[],
  principals: ClusterPrincipals,
): string {
  const role = principals.kubernetesPluginRole ?? 'admin';
  const issuerHistory = clusters.flatMap(c =>
    c.previousIssuerUrls.map(issuer => ({ cluster: c.name, issuer })),
  );
  return yaml.dump(
    {
      ...(issuerHistory.length
        ? { azureWorkloadIdentity: { inspection: { issuerHistory } } }
        : {}),
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: c.tokens[role],
              caData: c.caData,
              skipMetricsLookup: true,
            })),
          },
        ],
      },
    },
    { lineWidth: -1 },
  );
}

export async function writeConfigFiles(
  dir: string,
  clusters: ClusterInfo[],
  principals: ClusterPrincipals,
): Promise<{
  kubeconfigPath: string;
  clustersPath: string;
  appConfigPath: string;
}> {
  await fs.mkdir(dir, { recursive: true });
  const kubeconfigPath = path.join(dir, KUBECONFIG_FILE);
  const clustersPath = path.join(dir, CLUSTERS_FILE);
  const appConfigPath = path.join(dir, APP_CONFIG_FILE);
  await fs.writeFile(kubeconfigPath, kubeconfig(clusters, principals), {
    mode: 0o600,
  });
  await fs.writeFile(
    clustersPath,
    `${JSON.stringify({ clusters }, null, 2)}\n`,
    { mode: 0o600 },
  );
  await fs.writeFile(appConfigPath, appConfig(clusters, principals), {
    mode: 0o600,
  });
  return { kubeconfigPath, clustersPath, appConfigPath };
}

export function clusterInfo(
  cluster: KubernetesCluster,
  extra: { subscriptionId?: string; resourceGroup?: string; location?: string },
  caPem: string,
): ClusterInfo {
  return {
    name: cluster.name,
    url: cluster.url,
    issuerUrl: cluster.issuer.url,
    previousIssuerUrls: cluster.issuer.previousUrls,
    tenantId: cluster.tenantId,
    ...extra,
    caData: Buffer.from(caPem).toString('base64'),
    tokens: { ...cluster.tokens },
  };
}
