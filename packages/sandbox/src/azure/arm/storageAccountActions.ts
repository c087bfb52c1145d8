import { createHmac } from 'node:crypto';
import { HttpResponse, json, readJson } from '../../http';
import { idKey, resourceGroupScope, subscriptionScope } from '../ids';
import { GenericResourceRecord } from '../state/types';
import {
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest } from './armRequest';
import { methodNotAllowed } from './resourceGroups';
import {
  accountNameTakenMessage,
  invalidAccountNameMessage,
  isAccountNameTaken,
  isValidAccountName,
  STORAGE_ACCOUNT_TYPE,
} from './storageAccounts';

/*
 * The storage account actions StorageAccounts_CheckNameAvailability and
 * StorageAccounts_ListKeys, api-version 2022-09-01
 * (specification/storage/resource-manager/Microsoft.Storage/stable/2022-09-01/storage.json,
 * examples StorageAccountCheckNameAvailability.json and StorageAccountListKeys.json).
 */

const KEY_NAMES = ['key1', 'key2'] as const;

/**
 * `POST /subscriptions/{s}/providers/Microsoft.Storage/checkNameAvailability`, body
 * `{ name, type: 'Microsoft.Storage/storageAccounts' }`: always 200, the answer in the body.
 * The reasons and their messages are the service's own: an invalid name gets the wording
 * the create refuses it with (Azure/azure-rest-api-specs#4594), a taken one
 * "The storage account named {name} is already taken." (Azure/migAz#178).
 */
export function storageCheckNameAvailability(
  arm: ArmRequest,
  sub: string,
): HttpResponse {
  if (arm.http.method !== 'POST') return methodNotAllowed(arm);
  arm.authorize(
    'Microsoft.Storage/checknameavailability/read',
    subscriptionScope(sub),
  );
  const body = readJson<{ name?: unknown; type?: unknown }>(arm.http);
  if (typeof body.name !== 'string' || !body.name)
    badRequest(
      'The request body must name the storage account: send { "name": "<account>", "type": "Microsoft.Storage/storageAccounts" }.',
      'InvalidRequestContent',
    );
  if (
    typeof body.type !== 'string' ||
    body.type.toLowerCase() !== STORAGE_ACCOUNT_TYPE.toLowerCase()
  )
    badRequest(
      `The type '${String(
        body.type ?? '',
      )}' cannot be checked here: send "type": "${STORAGE_ACCOUNT_TYPE}".`,
      'InvalidRequestContent',
    );
  const name = body.name;
  if (!isValidAccountName(name))
    return json(200, {
      nameAvailable: false,
      reason: 'AccountNameInvalid',
      message: invalidAccountNameMessage(name),
    });
  if (isAccountNameTaken(arm.ctx.state, name))
    return json(200, {
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: accountNameTakenMessage(name),
    });
  return json(200, { nameAvailable: true });
}

/**
 * `POST …/storageAccounts/{name}/listKeys`: the account's two access keys. Listing them is a
 * control-plane action (`listkeys/action`, which Contributor and Storage Account Contributor
 * hold, Reader does not). An account with `allowSharedKeyAccess: false` still lists them:
 * the setting makes the data plane refuse requests signed with a key (403), it does not
 * hide the keys; Microsoft's own check that it took effect signs a request with one
 * (https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent,
 * "Verify that Shared Key access is not allowed").
 *
 * `permissions` is `FULL` on the wire, as the service sends it and `az storage account keys
 * list` prints it (its model types the field as a plain string); the spec's example writes
 * `Full`, and the SDKs' KeyPermission enums compare without case.
 */
export function storageAccountListKeys(
  arm: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): HttpResponse {
  if (arm.http.method !== 'POST') return methodNotAllowed(arm);
  const { state } = arm.ctx;
  const id = `${resourceGroupScope(
    sub,
    rg,
  )}/providers/${STORAGE_ACCOUNT_TYPE}/${name}`;
  arm.authorize(`${STORAGE_ACCOUNT_TYPE}/listkeys/action`, id);
  if (!state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  const account = state.getResource(id);
  if (!account) resourceNotFound(`${STORAGE_ACCOUNT_TYPE}/${name}`, rg);
  return json(200, {
    keys: KEY_NAMES.map(keyName => {
      const creationTime = keyCreationTime(account, keyName);
      return {
        ...(creationTime ? { creationTime } : {}),
        keyName,
        value: accountKey(account, keyName, creationTime),
        permissions: 'FULL',
      };
    }),
  });
}

/** When the key was made: the create's `keyCreationTime`, else the account's creation; seeded accounts may have neither. */
function keyCreationTime(
  account: GenericResourceRecord,
  keyName: (typeof KEY_NAMES)[number],
): string | undefined {
  const props = account.properties ?? {};
  const perKey = (
    props.keyCreationTime as Record<string, unknown> | undefined
  )?.[keyName];
  if (typeof perKey === 'string') return perKey;
  return typeof props.creationTime === 'string'
    ? props.creationTime
    : undefined;
}

/**
 * A 512-bit key in base64, as Azure's are. It is derived from the account, not stored, so it
 * never lands in the saved state and stays the same across restarts until the account is
 * made again. The twin's data plane takes only Entra tokens, never a key, so the value
 * unlocks nothing here; it exists for clients that list keys.
 */
function accountKey(
  account: GenericResourceRecord,
  keyName: string,
  creationTime: string | undefined,
): string {
  return createHmac('sha512', 'sandbox storage account key')
    .update(`${idKey(account.id)}\n${keyName}\n${creationTime ?? ''}`)
    .digest('base64');
}
