import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ComponentDirectory, ComponentFacts } from './ComponentDirectory';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * Components as the catalog knows them, read with the plugin's own credentials: ownership is
 * a fact of the catalog, the same whoever asks. Whether the caller may see the component is
 * decided before, by reading it with the caller's credentials.
 */
export class CatalogComponentDirectory implements ComponentDirectory {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async component(entityRef: string): Promise<ComponentFacts | undefined> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity && componentFactsOf(entity);
  }
}

/** The trust model's view of a catalog entity. */
export function componentFactsOf(entity: Entity): ComponentFacts {
  return {
    entityRef: stringifyEntityRef(entity),
    owners: ownersOf(entity),
    kubernetesId:
      entity.metadata.annotations?.[KUBERNETES_ID] ?? entity.metadata.name,
  };
}

/** The entity's owners as canonical refs: its relations once processed, else `spec.owner`. */
export function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  if (related.length > 0) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ).toLocaleLowerCase('en-US'),
    ];
  } catch {
    return [];
  }
}
