import { createHash } from 'node:crypto';

/** The one node each twin cluster runs its pods on. */
export interface ClusterNode {
  name: string;
  uid: string;
}

/**
 * Derived from the cluster's name, so a node keeps its name and uid across restarts and
 * the tokens bound to it stay plausible. The name has AKS's VMSS shape.
 */
export function nodeOf(clusterName: string): ClusterNode {
  const digits = createHash('sha256')
    .update(clusterName)
    .digest('hex')
    .replace(/[a-f]/g, '')
    .slice(0, 8)
    .padEnd(8, '0');
  const h = createHash('sha256').update(`node:${clusterName}`).digest('hex');
  return {
    name: `aks-nodepool1-${digits}-vmss000000`,
    uid: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
      16,
      20,
    )}-${h.slice(20, 32)}`,
  };
}
