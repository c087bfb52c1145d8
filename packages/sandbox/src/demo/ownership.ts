/**
 * The ownership facts the portal's trust model reads, in the names it reads
 * them by. Azure tag names may not contain `<`, `>`, `%`, `&`, `\`, `?` or `/`
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations),
 * hence the dash-separated tag names next to the slash-separated annotation.
 */
export const OWNERSHIP = {
  /** Identity tag: the canonical ref of the component the identity was made for. */
  entityRefTag: 'backstage-entity-ref',
  /** Identity tag: who made it; the portal writes this value. */
  managedByTag: 'managed-by',
  managedByValue: 'backstage-azure-workload-identity',
  /** Target resource tag: the owning group's entity ref. */
  resourceOwnerTag: 'backstage-owner',
  /** Namespace annotation: comma-separated owner entity refs. */
  namespaceOwnerAnnotation: 'azure-workload-identity.backstage.io/owner',
} as const;

/**
 * A catalog ref in the catalog's canonical spelling (kind and namespace lower
 * case, the name as written), with the kind and namespace a bare name stands
 * for, as `parseEntityRef` of `@backstage/catalog-model` reads `[kind:][namespace/]name`.
 */
export function canonicalEntityRef(
  ref: string,
  defaults: { kind: string; namespace?: string },
): string {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!m) throw new Error(`'${ref}' is not an entity ref`);
  const [, kind, namespace, name] = m;
  return `${(kind ?? defaults.kind).toLowerCase()}:${(
    namespace ??
    defaults.namespace ??
    'default'
  ).toLowerCase()}/${name}`;
}

/** The value of the namespace owner annotation: owners sorted, each once. */
export function namespaceOwnerValue(owners: Iterable<string>): string {
  return [...new Set(owners)].sort().join(',');
}
