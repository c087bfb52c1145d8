import { HttpError } from '../../http';

/** Throws ARM's common-types ErrorResponse: `{"error":{"code","message"}}`. */
export function armError(status: number, code: string, message: string): never {
  throw new HttpError(
    { status, body: { error: { code, message } } },
    `${code}: ${message}`,
  );
}

export function resourceGroupNotFound(rg: string): never {
  return armError(
    404,
    'ResourceGroupNotFound',
    `Resource group '${rg}' could not be found.`,
  );
}

/** `typeAndName` like `Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`. */
export function resourceNotFound(
  typeAndName: string,
  rg: string | undefined,
): never {
  const where = rg ? ` under resource group '${rg}'` : '';
  return armError(
    404,
    'ResourceNotFound',
    `The Resource '${typeAndName}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function authorizationFailed(
  objectId: string,
  action: string,
  scope: string,
): never {
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

export function badRequest(message: string, code = 'BadRequest'): never {
  return armError(400, code, message);
}
