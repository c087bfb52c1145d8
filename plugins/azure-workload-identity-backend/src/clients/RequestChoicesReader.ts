import { ResourceChoice } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * What the request form offers to pick from, read live: the namespaces that exist on a
 * cluster and the Azure resources the role compiler can grant on. Separate from pre-flight,
 * which answers the planner's questions about one request.
 */
export interface RequestChoicesReader {
  /** Undefined when no such cluster is configured. */
  listNamespaces(options: { cluster: string }): Promise<string[] | undefined>;
  /** Resources of the types the role compiler knows, in the configured subscriptions. */
  listResources(): Promise<ResourceChoice[]>;
}
