import { HttpResponse, json, readJson } from '../../http';
import { parseResourceId, resourceGroupScope, subscriptionScope } from '../ids';
import { AzureState } from '../state/AzureState';
import { GenericResourceRecord } from '../state/types';
import {
  armError,
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest, armTime } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

/*
 * Microsoft.Storage storage accounts, api-version 2022-09-01
 * (specification/storage/resource-manager/Microsoft.Storage/stable/2022-09-01/storage.json).
 * Shapes follow its examples StorageAccountGetProperties.json and
 * StorageAccountCreate*.json.
 */

export const STORAGE_ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

export function isValidAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(name);
}

export function invalidAccountNameMessage(name: string): string {
  return `${name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`;
}

/** Account names are global (the data plane finds accounts by name alone): any subscription's account takes it. */
export function isAccountNameTaken(state: AzureState, name: string): boolean {
  return state
    .listResources('/', STORAGE_ACCOUNT_TYPE)
    .some(r => r.name.toLowerCase() === name.toLowerCase());
}

export function accountNameTakenMessage(name: string): string {
  return `The storage account named ${name} is already taken.`;
}
const SERVICES = ['blob', 'queue', 'table', 'file', 'dfs', 'web'] as const;

/**
 * Where each service of the account answers. The twin serves every data plane
 * on its one host with the account in the path (`/blob/{account}/{container}/{blob}`,
 * see dataplane/blob.ts), so the endpoints are path-style URLs on the host the
 * caller used, where Azure has `https://{account}.{service}.core.windows.net/`.
 */
export function storageEndpoints(
  origin: string,
  account: string,
): Record<(typeof SERVICES)[number], string> {
  return Object.fromEntries(
    SERVICES.map(s => [s, `${origin}/${s}/${account}/`]),
  ) as Record<(typeof SERVICES)[number], string>;
}

export function renderStorageAccount(
  arm: ArmRequest,
  r: GenericResourceRecord,
) {
  const skuName = (r.sku?.name as string | undefined) ?? 'Standard_LRS';
  return {
    id: r.id,
    name: r.name,
    type: STORAGE_ACCOUNT_TYPE,
    location: r.location,
    tags: r.tags ?? {},
    kind: r.kind ?? 'StorageV2',
    sku: {
      ...r.sku,
      name: skuName,
      tier: skuName.startsWith('Premium') ? 'Premium' : 'Standard',
    },
    properties: {
      ...r.properties,
      provisioningState: 'Succeeded',
      primaryEndpoints: storageEndpoints(arm.origin, r.name),
      primaryLocation: r.location,
      statusOfPrimary: 'available',
    },
  };
}

/** What Storage fills in on create when the request leaves it out (the create examples' answers). */
function createDefaults(arm: ArmRequest, kind: string) {
  const now = armTime(arm.nowIso());
  const encrypted = { keyType: 'Account', enabled: true, lastEnabledTime: now };
  return {
    creationTime: now,
    keyCreationTime: { key1: now, key2: now },
    supportsHttpsTrafficOnly: true,
    encryption: {
      services: { blob: encrypted, file: encrypted },
      keySource: 'Microsoft.Storage',
    },
    networkAcls: {
      bypass: 'AzureServices',
      defaultAction: 'Allow',
      ipRules: [],
      virtualNetworkRules: [],
    },
    ...(kind === 'StorageV2' || kind === 'BlobStorage'
      ? { accessTier: 'Hot' }
      : {}),
  };
}

/** StorageAccounts_List and StorageAccounts_ListByResourceGroup. */
export function storageAccountList(
  arm: ArmRequest,
  sub: string,
  rg: string | undefined,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const scope = rg ? resourceGroupScope(sub, rg) : subscriptionScope(sub);
  arm.authorize(`${STORAGE_ACCOUNT_TYPE}/read`, scope);
  if (rg && !arm.ctx.state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  const items = arm.ctx.state.listResources(scope, STORAGE_ACCOUNT_TYPE);
  return json(
    200,
    page(arm, items, r => renderStorageAccount(arm, r)),
  );
}

export function storageAccountItem(
  arm: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): HttpResponse {
  const { state } = arm.ctx;
  const id = `${resourceGroupScope(
    sub,
    rg,
  )}/providers/${STORAGE_ACCOUNT_TYPE}/${name}`;
  const existing = state.getResource(id);
  const requireGroup = () => {
    if (!state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  };
  switch (arm.http.method) {
    case 'GET':
      arm.authorize(`${STORAGE_ACCOUNT_TYPE}/read`, id);
      requireGroup();
      if (!existing) resourceNotFound(`${STORAGE_ACCOUNT_TYPE}/${name}`, rg);
      return json(200, renderStorageAccount(arm, existing));
    case 'PUT':
      arm.authorize(`${STORAGE_ACCOUNT_TYPE}/write`, id);
      requireGroup();
      return existing ? update(arm, existing, 'PUT') : create(arm, id, name);
    case 'PATCH':
      arm.authorize(`${STORAGE_ACCOUNT_TYPE}/write`, id);
      requireGroup();
      if (!existing) resourceNotFound(`${STORAGE_ACCOUNT_TYPE}/${name}`, rg);
      return update(arm, existing, 'PATCH');
    case 'DELETE':
      arm.authorize(`${STORAGE_ACCOUNT_TYPE}/delete`, id);
      requireGroup();
      return { status: state.deleteResource(id) ? 200 : 204 };
    default:
      return methodNotAllowed(arm);
  }
}

interface AccountBody {
  location?: string;
  tags?: Record<string, string>;
  kind?: string;
  sku?: { name?: string; tier?: string };
  properties?: Record<string, unknown>;
}

function readBody(arm: ArmRequest): AccountBody {
  const body = readJson<AccountBody>(arm.http);
  if (
    body.properties !== undefined &&
    (typeof body.properties !== 'object' || body.properties === null)
  )
    badRequest("'properties' must be an object.");
  return body;
}

/**
 * A new account: StorageAccounts_Create is a long-running operation answering
 * 200 or 202. The twin answers 202 with a `Location` to poll, as Storage does for
 * new accounts; the first poll already finds it done (200 with the account), so
 * azure-core's LocationPolling and @azure/core-lro finish without waiting.
 */
function create(arm: ArmRequest, id: string, name: string): HttpResponse {
  if (!isValidAccountName(name))
    badRequest(invalidAccountNameMessage(name), 'AccountNameInvalid');
  if (isAccountNameTaken(arm.ctx.state, name))
    armError(409, 'StorageAccountAlreadyTaken', accountNameTakenMessage(name));
  const body = readBody(arm);
  if (!body.location)
    badRequest(
      'The location property is required for this definition.',
      'LocationRequired',
    );
  const missing = [
    ...(body.kind ? [] : ['kind']),
    ...(body.sku?.name ? [] : ['sku']),
  ];
  if (missing.length > 0)
    badRequest(
      `Values for request parameters are invalid: ${missing.join(
        ', ',
      )}. Send 'kind' (e.g. StorageV2) and 'sku.name' (e.g. Standard_LRS).`,
      'InvalidValuesForRequestParameters',
    );
  arm.ctx.state.putResource({
    id,
    type: STORAGE_ACCOUNT_TYPE,
    name,
    location: body.location,
    tags: body.tags ?? {},
    kind: body.kind,
    sku: { name: body.sku!.name },
    properties: { ...createDefaults(arm, body.kind!), ...body.properties },
  });
  const apiVersion = arm.query.get('api-version') ?? '2022-09-01';
  const operation = `${arm.origin}${subscriptionScope(
    parseResourceId(id)!.subscriptionId,
  )}/providers/Microsoft.Storage/locations/${encodeURIComponent(
    body.location.toLowerCase().replace(/\s+/g, ''),
  )}/asyncoperations/${Buffer.from(id).toString(
    'base64url',
  )}?monitor=true&api-version=${encodeURIComponent(apiVersion)}`;
  return { status: 202, headers: { location: operation, 'retry-after': '1' } };
}

/** An existing account: PUT answers synchronously, PATCH (StorageAccounts_Update) always does. */
function update(
  arm: ArmRequest,
  existing: GenericResourceRecord,
  method: 'PUT' | 'PATCH',
): HttpResponse {
  const body = readBody(arm);
  if (
    method === 'PUT' &&
    body.location &&
    existing.location &&
    body.location.toLowerCase().replace(/\s+/g, '') !==
      existing.location.toLowerCase().replace(/\s+/g, '')
  )
    armError(
      409,
      'InvalidResourceLocation',
      `The resource '${existing.name}' already exists in location '${existing.location}'. A resource with the same name cannot be created in location '${body.location}'. Please select a new resource name.`,
    );
  const record = arm.ctx.state.putResource({
    ...existing,
    tags: body.tags ?? existing.tags,
    kind: body.kind ?? existing.kind,
    sku: body.sku?.name ? { name: body.sku.name } : existing.sku,
    properties: { ...existing.properties, ...body.properties },
  });
  return json(200, renderStorageAccount(arm, record));
}

/**
 * `GET /subscriptions/{s}/providers/Microsoft.Storage/locations/{l}/asyncoperations/{op}`:
 * the `Location` a create answered. Done at once: 200 with the account.
 */
export function storageAsyncOperation(
  arm: ArmRequest,
  operationId: string,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const id = Buffer.from(operationId, 'base64url').toString('utf8');
  const parsed = parseResourceId(id);
  if (
    parsed?.type?.toLowerCase() !== STORAGE_ACCOUNT_TYPE.toLowerCase() ||
    !arm.path.toLowerCase().includes(parsed.subscriptionId.toLowerCase())
  )
    armError(
      404,
      'NotFound',
      `The operation '${operationId}' was not found. Poll the Location a storage account create answered.`,
    );
  arm.authorize(`${STORAGE_ACCOUNT_TYPE}/read`, id);
  const account = arm.ctx.state.getResource(id);
  if (!account)
    resourceNotFound(
      `${STORAGE_ACCOUNT_TYPE}/${parsed!.name}`,
      parsed!.resourceGroup,
    );
  return json(200, renderStorageAccount(arm, account));
}
