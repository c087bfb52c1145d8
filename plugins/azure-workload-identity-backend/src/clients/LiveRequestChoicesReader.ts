import {
  parseResourceId,
  ResourceChoice,
  resourceTypes as builtinResourceTypes,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureArmReader } from './azure/AzureArmReader';
import { KubernetesReader } from './kubernetes/KubernetesNamespaceReader';
import { RequestChoicesReader } from './RequestChoicesReader';

/** RequestChoicesReader on the ARM and Kubernetes readers pre-flight uses. */
export class LiveRequestChoicesReader implements RequestChoicesReader {
  constructor(
    private readonly options: {
      azure: Pick<AzureArmReader, 'listResources'>;
      kubernetes: KubernetesReader;
      clusterNames: string[];
      /** Where target resources are looked for: the clusters' and the identities' subscriptions. */
      subscriptionIds: string[];
      /** The types the form offers; default the built-in ones. */
      resourceTypes?: readonly ResourceTypeSpec[];
    },
  ) {}

  async listNamespaces(options: {
    cluster: string;
  }): Promise<string[] | undefined> {
    if (!this.options.clusterNames.includes(options.cluster)) return undefined;
    return this.options.kubernetes.listNamespaces(options);
  }

  async listResources(): Promise<ResourceChoice[]> {
    const resources = await this.options.azure.listResources({
      subscriptionIds: this.options.subscriptionIds,
      types: (this.options.resourceTypes ?? builtinResourceTypes).map(
        t => t.type,
      ),
    });
    return resources
      .flatMap(resource => {
        const parsed = parseResourceId(resource.id);
        if (!parsed) return [];
        return [
          {
            ...resource,
            subscriptionId: parsed.subscriptionId,
            resourceGroup: parsed.resourceGroup,
          },
        ];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
