import { ClusterChoice } from '@backstage-community/plugin-azure-workload-identity-common';

/** The picker's line for a cluster, e.g. "aks-prod — production". */
export function clusterLabel(cluster: ClusterChoice): string {
  if (cluster.environment) return `${cluster.name} — ${cluster.environment}`;
  if (cluster.namespaceEnvironments?.length) {
    return `${cluster.name} — environment by namespace`;
  }
  return `${cluster.name} — environment unknown`;
}

/**
 * Where the picked cluster's environment comes from, so the person sees it is not theirs to
 * choose, with the namespaces the configuration sets apart.
 */
export function clusterEnvironmentNote(cluster: ClusterChoice): string {
  const byNamespace = (cluster.namespaceEnvironments ?? []).map(
    n => `${n.environment} in ${namespaceWords(n.namespace)}`,
  );
  if (byNamespace.length > 0) {
    return `The portal's configuration sets the environment: ${byNamespace.join(
      ', ',
    )}; ${cluster.environment ?? 'unknown'} elsewhere.`;
  }
  if (cluster.environment) {
    return "The environment comes from the portal's configuration.";
  }
  return "The portal's configuration does not say which environment this cluster serves.";
}

function namespaceWords(pattern: string): string {
  return pattern.endsWith('*')
    ? `namespaces starting with ${pattern.slice(0, -1)}`
    : `namespace ${pattern}`;
}
