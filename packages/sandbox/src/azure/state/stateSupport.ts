import { idKey, resourceGroupScope } from '../ids';
import { ManagedClusterRecord, ManagedIdentityRecord } from './types';

/** What every store of the Azure state shares with the others. */
export interface StateContext {
  readonly tenantId: string;
  now(): number;
  /** Tells the listeners (the snapshot writer) that something changed. */
  changed(): void;
}

type ArmName = Pick<
  ManagedIdentityRecord,
  'subscriptionId' | 'resourceGroup' | 'name'
>;

export function identityId(i: ArmName): string {
  return `${resourceGroupScope(
    i.subscriptionId,
    i.resourceGroup,
  )}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.name}`;
}

export function clusterId(
  c: Pick<ManagedClusterRecord, 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return `${resourceGroupScope(
    c.subscriptionId,
    c.resourceGroup,
  )}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
}

export function identityKey(i: ArmName): string {
  return idKey(identityId(i));
}

export function sameKey(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}

/** The inner map of `outer` under `key`, created when absent. */
export function mapFor<V>(
  outer: Map<string, Map<string, V>>,
  key: string,
): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

export function flatten<V>(
  outer: Map<string, Map<string, V>>,
): Array<[string, string, V]> {
  return [...outer.entries()].flatMap(([k, inner]) =>
    [...inner.entries()].map(([n, v]) => [k, n, v] as [string, string, V]),
  );
}

/** Optional inputs left undefined must not erase the defaults they are spread over. */
export function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as T;
}
