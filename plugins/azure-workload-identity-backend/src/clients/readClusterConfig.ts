import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How the portal reaches a cluster's Kubernetes API: bearer token, CA. */
export interface KubernetesConnection {
  url: string;
  serviceAccountToken: string;
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
  provisioner?: { serviceAccountToken: string };
}

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
        `${key} ('${name}') has no Kubernetes API to read: add a cluster named '${name}' with authProvider serviceAccount under kubernetes.clusterLocatorMethods (type: config), or give ${key}.kubernetes { url, serviceAccountToken, caData }`,
      );
    }
    const provisionerConfig = entry.getOptionalConfig('provisioner');
    let provisioner: ClusterConfig['provisioner'];
    if (provisionerConfig) {
      const token = provisionerConfig.getOptionalString('serviceAccountToken');
      if (!token) {
        throw new InputError(
          `${key}.provisioner.serviceAccountToken is missing or empty: give the token of a service account that may get, create and update service accounts, or remove ${key}.provisioner to hand out manifests instead`,
        );
      }
      provisioner = { serviceAccountToken: token };
    }
    return {
      name,
      subscriptionId,
      resourceGroup: entry.getString('resourceGroup'),
      kubernetes,
      provisioner,
    };
  });
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
      byName.set(name, () => {
        const authProvider =
          cluster.getOptionalString('authProvider') ?? 'serviceAccount';
        if (authProvider !== 'serviceAccount') {
          throw new InputError(
            `${key} ('${name}') uses authProvider '${authProvider}'; the workload identity plugin reads namespaces with a service account token only, so give ${ROOT} entry '${name}' its own kubernetes { url, serviceAccountToken, caData }`,
          );
        }
        return connection(cluster, key);
      });
    });
  });
  return byName;
}

function connection(config: Config, key: string): KubernetesConnection {
  const url = config.getString('url');
  if (!/^https:\/\//.test(url)) {
    throw new InputError(
      `${key}.url must be an https URL (the token is a bearer token), got '${url}'`,
    );
  }
  const serviceAccountToken = config.getOptionalString('serviceAccountToken');
  if (!serviceAccountToken) {
    throw new InputError(
      `${key}.serviceAccountToken is missing: the portal reads namespaces with it`,
    );
  }
  return {
    url,
    serviceAccountToken,
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify'),
  };
}
