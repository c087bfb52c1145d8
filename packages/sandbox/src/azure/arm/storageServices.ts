import { HttpResponse, json, readJson } from '../../http';
import { parseResourceId } from '../ids';
import { AzureState } from '../state/AzureState';
import {
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest } from './armRequest';
import { methodNotAllowed } from './resourceGroups';
import { STORAGE_ACCOUNT_TYPE } from './storageAccounts';

/*
 * The blob, queue, file and table services of a storage account
 * (Microsoft.Storage/stable/2022-09-01: blob.json BlobServices_*, queue.json,
 * file.json, table.json). Every account has exactly one of each, named
 * `default`, from the moment it exists: nobody creates it, containers, queues
 * and shares hang off it (BlobServicesList.json, BlobContainersPut.json).
 */

const SERVICE_TYPES = new Map(
  ['blobServices', 'queueServices', 'fileServices', 'tableServices'].map(s => [
    `${STORAGE_ACCOUNT_TYPE}/${s}`.toLowerCase(),
    s,
  ]),
);

const DEFAULT_PROPERTIES: Record<string, Record<string, unknown>> = {
  blobServices: {
    cors: { corsRules: [] },
    deleteRetentionPolicy: { allowPermanentDelete: false, enabled: false },
  },
  fileServices: {
    cors: { corsRules: [] },
    shareDeleteRetentionPolicy: { enabled: true, days: 7 },
  },
  queueServices: { cors: { corsRules: [] } },
  tableServices: { cors: { corsRules: [] } },
};

export function isStorageServiceType(type: string): boolean {
  return SERVICE_TYPES.has(type.toLowerCase());
}

/** True when `id` is an account's `{blob,queue,file,table}Services/default` and the account exists. */
export function implicitServiceExists(state: AzureState, id: string): boolean {
  const parsed = parseResourceId(id);
  if (
    !parsed?.type ||
    !isStorageServiceType(parsed.type) ||
    parsed.name?.toLowerCase() !== 'default'
  )
    return false;
  return Boolean(state.getResource(accountIdOf(id)));
}

function accountIdOf(serviceId: string): string {
  return serviceId.split('/').slice(0, -2).join('/');
}

function render(
  state: AzureState,
  accountId: string,
  serviceType: string,
  stored: Record<string, unknown> | undefined,
) {
  const kind = SERVICE_TYPES.get(serviceType.toLowerCase())!;
  const account = state.getResource(accountId);
  return {
    id: `${account?.id ?? accountId}/${kind}/default`,
    name: 'default',
    type: `${STORAGE_ACCOUNT_TYPE}/${kind}`,
    properties: { ...DEFAULT_PROPERTIES[kind], ...stored },
    // Blob and file services carry the account's SKU (BlobServicesList.json).
    ...(account?.sku && (kind === 'blobServices' || kind === 'fileServices')
      ? { sku: account.sku }
      : {}),
  };
}

function requireAccount(arm: ArmRequest, accountId: string): void {
  const parsed = parseResourceId(accountId)!;
  if (
    !arm.ctx.state.getResourceGroup(
      parsed.subscriptionId,
      parsed.resourceGroup!,
    )
  )
    resourceGroupNotFound(parsed.resourceGroup!);
  if (!arm.ctx.state.getResource(accountId))
    resourceNotFound(
      `${STORAGE_ACCOUNT_TYPE}/${parsed.name}`,
      parsed.resourceGroup,
    );
}

/** `…/storageAccounts/{a}/blobServices`: the one `default` service. */
export function storageServiceList(
  arm: ArmRequest,
  accountId: string,
  serviceType: string,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  arm.authorize(`${serviceType}/read`, accountId);
  requireAccount(arm, accountId);
  const kind = SERVICE_TYPES.get(serviceType.toLowerCase())!;
  const stored = arm.ctx.state.getResource(`${accountId}/${kind}/default`);
  return json(200, {
    value: [render(arm.ctx.state, accountId, serviceType, stored?.properties)],
  });
}

/** GET, PUT (SetServiceProperties) of `…/blobServices/default` and its siblings. */
export function storageServiceItem(
  arm: ArmRequest,
  serviceId: string,
  serviceType: string,
): HttpResponse {
  const { state } = arm.ctx;
  const accountId = accountIdOf(serviceId);
  const name = serviceId.split('/').pop()!;
  const kind = SERVICE_TYPES.get(serviceType.toLowerCase())!;
  const id = `${accountId}/${kind}/default`;
  const read = () => {
    requireAccount(arm, accountId);
    if (name.toLowerCase() !== 'default')
      badRequest(
        `The service name '${name}' is invalid: a storage account has one ${kind} resource, named 'default'.`,
        'InvalidResourceName',
      );
  };
  switch (arm.http.method) {
    case 'GET':
      arm.authorize(`${serviceType}/read`, serviceId);
      read();
      return json(
        200,
        render(
          state,
          accountId,
          serviceType,
          state.getResource(id)?.properties,
        ),
      );
    case 'PUT':
    case 'PATCH': {
      arm.authorize(`${serviceType}/write`, serviceId);
      read();
      const body = readJson<{ properties?: Record<string, unknown> }>(arm.http);
      if (
        body.properties !== undefined &&
        (typeof body.properties !== 'object' || body.properties === null)
      )
        badRequest("'properties' must be an object.");
      const existing = state.getResource(id);
      const record = state.putResource({
        id,
        type: `${STORAGE_ACCOUNT_TYPE}/${kind}`,
        name: 'default',
        properties: { ...existing?.properties, ...body.properties },
      });
      return json(
        200,
        render(state, accountId, serviceType, record.properties),
      );
    }
    default:
      return methodNotAllowed(arm);
  }
}
