import { parseEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as a person reads it in a notification: the entity's name, with its catalog
 * namespace when that is not `default` (`orders-api`, `payments/ledger`). Anything that is not
 * an entity ref (the portal's own actor names) is left as it is.
 */
export function nameOf(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
