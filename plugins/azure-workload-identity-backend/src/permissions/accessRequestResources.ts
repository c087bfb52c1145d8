import { RequestStore } from '../database/RequestStore';
import { ComponentDirectory } from '../ownership/ComponentDirectory';
import { AccessRequestResource } from './requestRules';

/**
 * Loads requests for the permission framework's conditional decisions, in the order asked,
 * undefined for an unknown id. Each component's owners are read once per batch.
 */
export async function accessRequestResources(options: {
  ids: string[];
  store: Pick<RequestStore, 'getRequest'>;
  components: ComponentDirectory;
}): Promise<Array<AccessRequestResource | undefined>> {
  const requests = await Promise.all(
    options.ids.map(id =>
      options.store.getRequest({ id }).catch(() => undefined),
    ),
  );
  const owners = new Map<string, Promise<string[]>>();
  const ownersOf = (entityRef: string) => {
    let found = owners.get(entityRef);
    if (!found) {
      found = options.components
        .component(entityRef)
        .then(component => component?.owners ?? []);
      owners.set(entityRef, found);
    }
    return found;
  };
  return Promise.all(
    requests.map(async request =>
      request
        ? {
            id: request.id,
            requestedBy: request.requestedBy,
            entityRef: request.entityRef,
            componentOwners: await ownersOf(request.entityRef),
          }
        : undefined,
    ),
  );
}
