import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/** Asks the permission policy about one basic permission; a denial is a 403 saying `why`. */
export async function authorizeBasic(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: BasicPermission;
  why: string;
}): Promise<void> {
  const [decision] = await options.permissions.authorize(
    [{ permission: options.permission }],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(options.why);
  }
}

/** The user entity ref of user credentials; undefined for a service. */
export function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: unknown };
  return typeof principal.userEntityRef === 'string'
    ? principal.userEntityRef
    : undefined;
}
