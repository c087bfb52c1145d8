import { ClusterFacts } from '../clients/PreflightReader';

export type Environment = NonNullable<ClusterFacts['environment']>;

/**
 * The environment of a namespace on a configured cluster: the first namespace entry that
 * matches (a name, or a prefix ending in `*`), else the cluster's own. Undefined when the
 * configuration does not say: the requester's word never fills the gap.
 */
export function environmentOf(
  cluster: Pick<ClusterFacts, 'environment' | 'namespaceEnvironments'>,
  namespace: string,
): Environment | undefined {
  const match = (cluster.namespaceEnvironments ?? []).find(n =>
    n.namespace.endsWith('*')
      ? namespace.startsWith(n.namespace.slice(0, -1))
      : namespace === n.namespace,
  );
  return match?.environment ?? cluster.environment;
}
