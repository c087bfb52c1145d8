import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Where ownership is recorded outside the catalog. Azure tag names may not contain `/`
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations),
 * so the Azure tags use plain names; Kubernetes annotations take a prefixed key.
 */
export const OWNERSHIP_MARKS = {
  /** Tag on an identity the portal made: the component it was made for. */
  identityComponentTag: 'backstage-entity-ref',
  /** Tag on an Azure resource: the group that owns it, e.g. `group:default/team-payments`. */
  resourceOwnerTag: 'backstage-owner',
  /** Annotation on a Namespace: its owners, comma-separated entity refs. */
  namespaceOwnerAnnotation: 'azure-workload-identity.backstage.io/owner',
} as const;

/**
 * Entity refs as the catalog writes them, from a comma-separated list where the kind defaults
 * to group and the namespace to default; what does not parse is left out.
 */
export function parseOwnerRefs(value: string | undefined): string[] {
  if (!value) return [];
  const refs = value
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .flatMap(part => {
      try {
        return [
          stringifyEntityRef(
            parseEntityRef(part, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          ).toLocaleLowerCase('en-US'),
        ];
      } catch {
        return [];
      }
    });
  return [...new Set(refs)];
}

/** Entity refs compare without regard to case, as the catalog compares them. */
export function sameRef(a: string | undefined, b: string | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}
