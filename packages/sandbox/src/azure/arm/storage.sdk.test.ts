import { ResourceManagementClient } from '@azure/arm-resources';
import { applySeed } from '../seed/applySeed';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-apps`;
const ACCOUNTS = `${RG}/providers/Microsoft.Storage/storageAccounts`;
const V = 'api-version=2022-09-01';
const CREATE = {
  location: 'westeurope',
  kind: 'StorageV2',
  sku: { name: 'Standard_LRS' },
};

describe('storage accounts (Microsoft.Storage 2022-09-01)', () => {
  let t: TestSandbox;
  let arm: (
    method: string,
    path: string,
    body?: unknown,
  ) => ReturnType<typeof request>;

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    const token = (await t.credential.getToken(`${t.url}/.default`))!.token;
    arm = (method, path, body) =>
      request(t.url, t.caPem, method, path, body, token);
  });
  afterAll(() => t.stop());

  it('creates with 202 and a Location that answers 200 with the account; a second PUT answers 200 at once', async () => {
    const created = await arm('PUT', `${ACCOUNTS}/newdata?${V}`, CREATE);
    expect(created.status).toBe(202);
    expect(created.text).toBe('');
    const location = new URL(created.headers.location);
    expect(location.origin).toBe(t.url);
    expect(location.pathname).toMatch(
      new RegExp(
        `^/subscriptions/${SUB}/providers/Microsoft.Storage/locations/westeurope/asyncoperations/[\\w-]+$`,
      ),
    );
    expect(location.searchParams.get('api-version')).toBe('2022-09-01');

    const polled = await arm('GET', `${location.pathname}${location.search}`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({
      id: `${ACCOUNTS}/newdata`,
      name: 'newdata',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'westeurope',
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS', tier: 'Standard' },
      properties: {
        provisioningState: 'Succeeded',
        primaryLocation: 'westeurope',
        statusOfPrimary: 'available',
        supportsHttpsTrafficOnly: true,
        accessTier: 'Hot',
        primaryEndpoints: {
          blob: `${t.url}/blob/newdata/`,
          queue: `${t.url}/queue/newdata/`,
          table: `${t.url}/table/newdata/`,
          file: `${t.url}/file/newdata/`,
          dfs: `${t.url}/dfs/newdata/`,
          web: `${t.url}/web/newdata/`,
        },
      },
    });

    const again = await arm('PUT', `${ACCOUNTS}/newdata?${V}`, {
      ...CREATE,
      tags: { 'backstage-owner': 'group:default/team-a' },
    });
    expect(again.status).toBe(200);
    expect(again.body.tags).toEqual({
      'backstage-owner': 'group:default/team-a',
    });
  });

  it('is polled to completion by @azure/arm-resources, and listed across the subscription', async () => {
    const resources = new ResourceManagementClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    await resources.resourceGroups.createOrUpdate('rg-data', {
      location: 'westeurope',
    });
    const account = await resources.resources.createOrUpdateById(
      `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/polleddata`,
      '2022-09-01',
      CREATE,
    );
    expect(account.name).toBe('polleddata');
    expect(account.properties).toMatchObject({
      primaryEndpoints: { blob: `${t.url}/blob/polleddata/` },
    });
    const all = await arm(
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts?${V}`,
    );
    expect(all.body.value.map((a: { name: string }) => a.name).sort()).toEqual([
      'newdata',
      'ordersdata',
      'polleddata',
    ]);
    expect(all.body.value[0].properties.primaryEndpoints.blob).toMatch(
      /\/blob\/\w+\/$/,
    );
  });

  it('refuses invalid names, taken names and bodies without kind or sku', async () => {
    const badName = await arm('PUT', `${ACCOUNTS}/Bad_Name?${V}`, CREATE);
    expect(badName.status).toBe(400);
    expect(badName.body.error.code).toBe('AccountNameInvalid');
    const taken = await arm(
      'PUT',
      `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.Storage/storageAccounts/ordersdata?${V}`,
      CREATE,
    );
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('StorageAccountAlreadyTaken');
    const noKind = await arm('PUT', `${ACCOUNTS}/nokind?${V}`, {
      location: 'westeurope',
    });
    expect(noKind.status).toBe(400);
    expect(noKind.body.error).toMatchObject({
      code: 'InvalidValuesForRequestParameters',
      message: expect.stringContaining('kind, sku'),
    });
    expect((await arm('GET', `${ACCOUNTS}/nokind?${V}`)).body.error.code).toBe(
      'ResourceNotFound',
    );
  });

  it('gives every account its blobServices/default, under which containers are created', async () => {
    const service = await arm(
      'GET',
      `${ACCOUNTS}/ordersdata/blobServices/default?${V}`,
    );
    expect(service.status).toBe(200);
    expect(service.body).toMatchObject({
      id: `${ACCOUNTS}/ordersdata/blobServices/default`,
      name: 'default',
      type: 'Microsoft.Storage/storageAccounts/blobServices',
      sku: { name: 'Standard_LRS' },
    });
    const services = await arm(
      'GET',
      `${ACCOUNTS}/ordersdata/blobServices?${V}`,
    );
    expect(services.body.value.map((s: { name: string }) => s.name)).toEqual([
      'default',
    ]);
    const updated = await arm(
      'PUT',
      `${ACCOUNTS}/ordersdata/blobServices/default?${V}`,
      { properties: { deleteRetentionPolicy: { enabled: true, days: 7 } } },
    );
    expect(updated.body.properties.deleteRetentionPolicy).toEqual({
      enabled: true,
      days: 7,
    });

    const container = await arm(
      'PUT',
      `${ACCOUNTS}/ordersdata/blobServices/default/containers/data?${V}`,
      {},
    );
    expect(container.status).toBe(201);
    expect(container.body).toMatchObject({
      id: `${ACCOUNTS}/ordersdata/blobServices/default/containers/data`,
      name: 'data',
      type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    });
    const orphan = await arm(
      'PUT',
      `${ACCOUNTS}/nosuchaccount/blobServices/default/containers/data?${V}`,
      {},
    );
    expect(orphan.status).toBe(404);
    expect(orphan.body.error.code).toBe('ParentResourceNotFound');
    expect(
      (await arm('GET', `${ACCOUNTS}/nosuchaccount/blobServices/default?${V}`))
        .body.error.code,
    ).toBe('ResourceNotFound');
  });

  it('points primaryEndpoints.blob at the data plane that serves the account', async () => {
    await arm('PUT', `${ACCOUNTS}/endpointdata?${V}`, CREATE);
    await arm(
      'PUT',
      `${ACCOUNTS}/endpointdata/blobServices/default/containers/data?${V}`,
      {},
    );
    const { twin } = t.sandbox.azure;
    applySeed(twin.state, {
      roleAssignments: [
        {
          role: 'Storage Blob Data Contributor',
          scope: `${ACCOUNTS}/endpointdata`,
          principalId: twin.portal.objectId,
        },
      ],
    });
    const blobEndpoint = (await arm('GET', `${ACCOUNTS}/endpointdata?${V}`))
      .body.properties.primaryEndpoints.blob;
    const storageToken = (await t.credential.getToken(
      'https://storage.azure.com/.default',
    ))!.token;
    const url = new URL('data/hello.txt', blobEndpoint);
    const put = await request(
      t.url,
      t.caPem,
      'PUT',
      url.pathname,
      'hello',
      storageToken,
      { 'x-ms-blob-type': 'BlockBlob' },
    );
    expect(put.status).toBe(201);
    const got = await request(
      t.url,
      t.caPem,
      'GET',
      url.pathname,
      undefined,
      storageToken,
    );
    expect(got.text).toBe('hello');
  });
});
