import { TokenCredential } from '@azure/identity';
import { CoreV1Api } from '@kubernetes/client-node';
import { createCoreApi } from './createCoreApi';
import { KubernetesConnection } from '../../config/readClusterConfig';
import { isNotFound, upstreamError } from '../upstreamError';
import {
  NamespaceFacts,
  PodFacts,
  ServiceAccountFacts,
} from '../PreflightReader';

/** The Kubernetes reads pre-flight needs, in our terms. */
export interface KubernetesReader {
  getNamespace(options: {
    cluster: string;
    namespace: string;
  }): Promise<NamespaceFacts | undefined>;
  getServiceAccount(options: {
    cluster: string;
    namespace: string;
    name: string;
  }): Promise<ServiceAccountFacts | undefined>;
  listPods(options: {
    cluster: string;
    namespace: string;
  }): Promise<PodFacts[]>;
  /** The names of the cluster's namespaces; the token needs `list` on namespaces. */
  listNamespaces(options: { cluster: string }): Promise<string[]>;
}

/**
 * KubernetesReader on @kubernetes/client-node, one API client per configured cluster, built on
 * first use. Reads with the configured service account's bearer token and trusts the
 * configured CA only.
 */
export class KubernetesNamespaceReader implements KubernetesReader {
  private readonly connections: Map<string, KubernetesConnection>;
  private readonly apis = new Map<string, CoreV1Api>();
  private readonly azureCredential?: TokenCredential;

  constructor(options: {
    clusters: Array<{ name: string; kubernetes: KubernetesConnection }>;
    /** For clusters that take the portal's own Entra ID identity. */
    azureCredential?: TokenCredential;
  }) {
    this.azureCredential = options.azureCredential;
    this.connections = new Map(
      options.clusters.map(c => [c.name, c.kubernetes]),
    );
  }

  async getNamespace(options: {
    cluster: string;
    namespace: string;
  }): Promise<NamespaceFacts | undefined> {
    const { cluster, namespace } = options;
    const found = await this.readOrAbsent(
      cluster,
      `namespace '${namespace}'`,
      api => api.readNamespace({ name: namespace }),
    );
    return (
      found && {
        name: namespace,
        annotations: found.metadata?.annotations ?? {},
      }
    );
  }

  async getServiceAccount(options: {
    cluster: string;
    namespace: string;
    name: string;
  }): Promise<ServiceAccountFacts | undefined> {
    const { cluster, namespace, name } = options;
    const found = await this.readOrAbsent(
      cluster,
      `service account '${namespace}/${name}'`,
      api => api.readNamespacedServiceAccount({ name, namespace }),
    );
    return found && { annotations: found.metadata?.annotations ?? {} };
  }

  async listPods(options: {
    cluster: string;
    namespace: string;
  }): Promise<PodFacts[]> {
    const { cluster, namespace } = options;
    const list = await this.readOrAbsent(
      cluster,
      `the pods of namespace '${namespace}'`,
      api => api.listNamespacedPod({ namespace }),
    );
    return (list?.items ?? []).map(pod => ({
      name: pod.metadata?.name ?? '',
      serviceAccountName: pod.spec?.serviceAccountName ?? 'default',
      labels: pod.metadata?.labels ?? {},
    }));
  }

  private async readOrAbsent<T>(
    cluster: string,
    reading: string,
    read: (api: CoreV1Api) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await read(this.api(cluster));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw upstreamError({
        upstream: `the Kubernetes API of cluster '${cluster}'`,
        reading,
        error,
      });
    }
  }

  async listNamespaces(options: { cluster: string }): Promise<string[]> {
    const { cluster } = options;
    try {
      const list = await this.api(cluster).listNamespace();
      return list.items
        .map(namespace => namespace.metadata?.name ?? '')
        .filter(Boolean)
        .sort();
    } catch (error) {
      throw upstreamError({
        upstream: `the Kubernetes API of cluster '${cluster}'`,
        reading: 'the namespaces',
        error,
      });
    }
  }

  private api(cluster: string): CoreV1Api {
    let api = this.apis.get(cluster);
    if (api) return api;
    const connection = this.connections.get(cluster);
    if (!connection) {
      // The planner asks only after the cluster was found, so this is a wiring error.
      throw new Error(`no Kubernetes connection configured for '${cluster}'`);
    }
    api = createCoreApi({
      cluster,
      connection,
      credential: connection.credential,
      azureCredential: this.azureCredential,
    });
    this.apis.set(cluster, api);
    return api;
  }
}
