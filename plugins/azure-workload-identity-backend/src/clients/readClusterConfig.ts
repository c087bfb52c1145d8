import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * How the portal authenticates to a cluster's Kubernetes API:
 * - `serviceAccount`: a bearer token of a service account in the cluster;
 * - `azure`: the portal's own Entra ID identity (DefaultAzureCredential or the configured
 *   principal), with a token for the AKS AAD server application, on clusters with Entra ID
 *   integration. Kubernetes RBAC then binds the principal's object id.
 */
export type KubernetesCredential =
  | { type: 'serviceAccount'; token: string }
  | { type: 'azure' };

/** How the portal reaches a cluster's Kubernetes API: URL, credential, CA. */
export interface KubernetesConnection {
  url: string;
  credential: KubernetesCredential;
  /** Base64 PEM, as kubeconfig and the Kubernetes plugin take it. */
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** An AKS cluster the portal plans for: ARM coordinates plus its Kubernetes API. */
export interface ClusterConfig {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  kubernetes: KubernetesConnection;
  /**
   * The provisioner's write access to service accounts; absent means manifest (GitOps) mode:
   * the portal hands the team the ServiceAccount manifest instead of applying it.
   */
  provisioner?: { credential: KubernetesCredential };
  /**
   * Whether inspection exchanges a token for the cluster's workloads (health-rules §4). Off
   * where the platform team will not grant `create serviceaccounts/token`.
   */
  probeEnabled: boolean;
  /**
   * The environment the cluster serves, from configuration only: approval policy reads it, and
   * a requester cannot claim another. Absent means unknown, which needs approval.
   */
  environment?: Environment;
  /** Namespaces of the cluster that serve another environment, first match wins. */
  namespaceEnvironments: Array<{ namespace: string; environment: Environment }>;
}

export const ENVIRONMENTS = ['production', 'staging', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const ROOT = 'azureWorkloadIdentity.clusters';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads `azureWorkloadIdentity.clusters`. Only the ARM coordinates are ours to configure: the
 * API URL, token and CA come from the Kubernetes plugin's `kubernetes.clusterLocatorMethods`
 * (type `config`) entry of the same name, which adopters already maintain, unless the entry
 * gives its own `kubernetes` block (a cluster the Kubernetes plugin does not show, or a
 * different service account).
 */
export function readClusterConfig(rootConfig: Config): ClusterConfig[] {
  const entries =
    rootConfig.getOptionalConfigArray('azureWorkloadIdentity.clusters') ?? [];
  const fromKubernetesPlugin = kubernetesPluginClusters(rootConfig);
  const seen = new Set<string>();

  return entries.map((entry, index) => {
    const key = `${ROOT}[${index}]`;
    const name = entry.getString('name');
    if (seen.has(name)) {
      throw new InputError(`${key}.name '${name}' is listed twice`);
    }
    seen.add(name);
    const subscriptionId = entry.getString('subscriptionId');
    if (!GUID.test(subscriptionId)) {
      throw new InputError(
        `${key}.subscriptionId must be a subscription GUID, got '${subscriptionId}'`,
      );
    }
    const own = entry.getOptionalConfig('kubernetes');
    const kubernetes = own
      ? connection(own, `${key}.kubernetes`)
      : fromKubernetesPlugin.get(name)?.();
    if (!kubernetes) {
      throw new InputError(
        `${key} ('${name}') has no Kubernetes API to read: add a cluster named '${name}' under kubernetes.clusterLocatorMethods (type: config), or give ${key}.kubernetes { url, authProvider, serviceAccountToken, caData }`,
      );
    }
    const provisionerConfig = entry.getOptionalConfig('provisioner');
    const provisioner =
      provisionerConfig &&
      provisionerOf(provisionerConfig, `${key}.provisioner`);
    return {
      name,
      subscriptionId,
      resourceGroup: entry.getString('resourceGroup'),
      kubernetes,
      provisioner,
      probeEnabled: entry.getOptionalBoolean('probe.enabled') ?? true,
      environment: environmentOf(entry, 'environment', key),
      namespaceEnvironments: (
        entry.getOptionalConfigArray('namespaceEnvironments') ?? []
      ).map((n, i) => ({
        namespace: namespacePattern(n, `${key}.namespaceEnvironments[${i}]`),
        environment: environmentOf(
          n,
          'environment',
          `${key}.namespaceEnvironments[${i}]`,
        )!,
      })),
    };
  });
}

function environmentOf(
  config: Config,
  field: string,
  key: string,
): Environment | undefined {
  const value = config.getOptionalString(field);
  if (value === undefined) return undefined;
  if (!(ENVIRONMENTS as readonly string[]).includes(value)) {
    throw new InputError(
      `${key}.${field} must be one of ${ENVIRONMENTS.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return value as Environment;
}

// A namespace name, or a prefix ending in `*` (e.g. `preview-*`).
function namespacePattern(config: Config, key: string): string {
  const value = config.getString('namespace');
  if (!/^[a-z0-9][-a-z0-9]*\*$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) {
    throw new InputError(
      `${key}.namespace must be a namespace name or a prefix ending in *, e.g. preview-*, got '${value}'`,
    );
  }
  if (config.getOptionalString('environment') === undefined) {
    throw new InputError(`${key}.environment is missing`);
  }
  return value;
}

/**
 * The Kubernetes plugin's statically configured clusters, by name. Read lazily, so a cluster
 * of that plugin that ours does not use cannot fail our start.
 */
function kubernetesPluginClusters(
  rootConfig: Config,
): Map<string, () => KubernetesConnection> {
  const byName = new Map<string, () => KubernetesConnection>();
  const methods =
    rootConfig.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getOptionalString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      const name = cluster.getString('name');
      byName.set(name, () => connection(cluster, key));
    });
  });
  return byName;
}

// The Kubernetes plugin's auth providers we can use without a signed-in user: the fleet scan
// and the provisioner run in the background, so `aks` (the viewer's own AKS token) falls back
// to the portal's own Entra ID identity, as `azure` does.
const AZURE_AUTH_PROVIDERS = ['azure', 'aks'];

function connection(config: Config, key: string): KubernetesConnection {
  const url = config.getString('url');
  if (!/^https:\/\//.test(url)) {
    throw new InputError(
      `${key}.url must be an https URL (the token is a bearer token), got '${url}'`,
    );
  }
  return {
    url,
    credential: credentialOf(config, key),
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify'),
  };
}

function credentialOf(config: Config, key: string): KubernetesCredential {
  const authProvider =
    config.getOptionalString('authProvider') ?? 'serviceAccount';
  if (AZURE_AUTH_PROVIDERS.includes(authProvider)) return { type: 'azure' };
  if (authProvider !== 'serviceAccount') {
    throw new InputError(
      `${key}.authProvider '${authProvider}' is not one the workload identity plugin can use: give serviceAccount (with serviceAccountToken) or azure (the portal's own Entra ID identity, on AKS clusters with Entra ID integration)`,
    );
  }
  const token = config.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${key}.serviceAccountToken is missing: the portal reads the cluster with it (or set authProvider: azure to use the portal's own Entra ID identity)`,
    );
  }
  return { type: 'serviceAccount', token };
}

function provisionerOf(
  config: Config,
  key: string,
): ClusterConfig['provisioner'] {
  const authProvider = config.getOptionalString('authProvider');
  if (authProvider && AZURE_AUTH_PROVIDERS.includes(authProvider)) {
    return { credential: { type: 'azure' } };
  }
  if (authProvider && authProvider !== 'serviceAccount') {
    throw new InputError(
      `${key}.authProvider '${authProvider}' is not supported: give serviceAccount (with serviceAccountToken) or azure`,
    );
  }
  const token = config.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${key}.serviceAccountToken is missing or empty: give the token of a service account that may get, create and update service accounts, set authProvider: azure to write as the portal's own Entra ID identity, or remove ${key} to hand out manifests instead`,
    );
  }
  return { credential: { type: 'serviceAccount', token } };
}
