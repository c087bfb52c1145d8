import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AccessRequestSpec,
  requestCreatePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ownersOf } from '../ownership/CatalogComponentDirectory';

/**
 * The gate before any plan: the component must be one the catalog has and the caller can see
 * with their own credentials (404 otherwise, so a name reveals nothing), and the permission
 * policy must let the caller request for it — decided on the component's catalog entity, so
 * a policy answers with the catalog's own `isEntityOwner`. Returns the spec with the
 * catalog's spelling of the ref: one spelling is stored, compared and cached.
 */
export async function admitComponent(options: {
  spec: AccessRequestSpec;
  credentials: BackstageCredentials;
  catalog: CatalogService;
  permissions: PermissionsService;
}): Promise<AccessRequestSpec> {
  const { spec, credentials } = options;
  const entity = await options.catalog.getEntityByRef(spec.entityRef, {
    credentials,
  });
  if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'component') {
    throw new NotFoundError(
      `${spec.entityRef} is not in the catalog, or you may not see it; request access for a component the catalog has`,
    );
  }
  const entityRef = stringifyEntityRef(entity);
  const [decision] = await options.permissions.authorize(
    [{ permission: requestCreatePermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    const owners = ownersOf(entity);
    throw new NotAllowedError(
      `${entityRef} is owned by ${
        owners.join(', ') || 'nobody the catalog names'
      }; only its owners, and those the permission policy allows, may request Azure access for it`,
    );
  }
  return { ...spec, entityRef };
}
