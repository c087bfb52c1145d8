import { ClusterConfig } from '../config/readClusterConfig';

type EnvironmentSource = Pick<
  ClusterConfig,
  'environment' | 'namespaceEnvironments'
>;

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A CEL condition on `request.namespace` that is true exactly for the cluster's production
 * namespaces, as `planning/environmentOf` decides them from configuration: the first matching
 * `namespaceEnvironments` entry (a name, or a prefix ending in `*`), else the cluster's own
 * environment. `true`/`false` when no namespace decides it.
 */
export function productionNamespaceCondition(
  cluster: EnvironmentSource,
): string {
  let expression = String(cluster.environment === 'production');
  for (const entry of [...cluster.namespaceEnvironments].reverse()) {
    const matches = entry.namespace.endsWith('*')
      ? `request.namespace.startsWith(${quote(entry.namespace.slice(0, -1))})`
      : `request.namespace == ${quote(entry.namespace)}`;
    const isProduction = String(entry.environment === 'production');
    expression =
      expression === isProduction
        ? expression
        : `(${matches} ? ${isProduction} : ${expression})`;
  }
  return expression;
}
