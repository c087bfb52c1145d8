import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterCredentialRequest } from '@backstage-community/plugin-azure-workload-identity-node';
import {
  builtinClusterCredentials,
  ClusterCredentialProviders,
  KubernetesCredential,
} from './clusterCredentials';

export type { KubernetesCredential } from './clusterCredentials';

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
   * Whether inspection exchanges a token for the cluster's workloads (the token link's probe).
   * Off where the platform team will not grant `create serviceaccounts/token`.
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
 * different service account). Each `authProvider` names one of `credentials`.
 */
export function readClusterConfig(
  rootConfig: Config,
  credentials: ClusterCredentialProviders = builtinClusterCredentials,
): ClusterConfig[] {
  const entries =
    rootConfig.getOptionalConfigArray('azureWorkloadIdentity.clusters') ?? [];
  const read = (request: ClusterCredentialRequest) =>
    credentialOf(credentials, request);
  const fromKubernetesPlugin = kubernetesPluginClusters(rootConfig, read);
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
      ? connection(own, `${key}.kubernetes`, name, read)
      : fromKubernetesPlugin.get(name)?.();
    if (!kubernetes) {
      throw new InputError(
        `${key} ('${name}') has no Kubernetes API to read: add a cluster named '${name}' under kubernetes.clusterLocatorMethods (type: config), or give ${key}.kubernetes { url, authProvider, serviceAccountToken, caData }`,
      );
    }
    const provisionerConfig = entry.getOptionalConfig('provisioner');
    const provisioner = provisionerConfig && {
      credential: read({
        cluster: name,
        config: provisionerConfig,
        key: `${key}.provisioner`,
        purpose: 'provision',
      }),
    };
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
  read: CredentialReader,
): Map<string, () => KubernetesConnection> {
  const byName = new Map<string, () => KubernetesConnection>();
  const methods =
    rootConfig.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getOptionalString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      const name = cluster.getString('name');
      byName.set(name, () => connection(cluster, key, name, read));
    });
  });
  return byName;
}

type CredentialReader = (
  request: ClusterCredentialRequest,
) => KubernetesCredential;

function connection(
  config: Config,
  key: string,
  cluster: string,
  read: CredentialReader,
): KubernetesConnection {
  const url = config.getString('url');
  if (!/^https:\/\//.test(url)) {
    throw new InputError(
      `${key}.url must be an https URL (the token is a bearer token), got '${url}'`,
    );
  }
  return {
    url,
    credential: read({ cluster, config, key, purpose: 'read' }),
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify'),
  };
}

// Without an `authProvider`, a service account token, as the Kubernetes plugin assumes.
function credentialOf(
  credentials: ClusterCredentialProviders,
  request: ClusterCredentialRequest,
): KubernetesCredential {
  const { config, key } = request;
  const authProvider =
    config.getOptionalString('authProvider') ?? 'serviceAccount';
  const provider = credentials.get(authProvider);
  if (!provider) {
    throw new InputError(
      `${key}.authProvider '${authProvider}' is not one the workload identity plugin can use: give one of ${[
        ...credentials.keys(),
      ].join(
        ', ',
      )} (serviceAccount with serviceAccountToken; azure for the portal's own Entra ID identity, on AKS clusters with Entra ID integration), or add a module that provides it`,
    );
  }
  const credential = provider.credentialFor(request);
  return {
    authProvider,
    bearerToken: context => credential.bearerToken(context),
  };
}
