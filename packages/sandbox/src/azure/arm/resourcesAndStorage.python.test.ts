import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const run = promisify(execFile);
const SCRIPT = path.join(__dirname, 'python', 'arm_sdk.py');

/** Debian's azure-mgmt-resource 22 and azure-mgmt-storage 21 against the twin. */
describe('resource lists and storage through the Python SDKs', () => {
  let t: TestSandbox;

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
  });
  afterAll(() => t.stop());

  async function scenario(name: string): Promise<any> {
    const { twin } = t.sandbox.azure;
    // Debian's SDKs live with the system interpreter, not with any python3 on PATH.
    const { stdout } = await run('/usr/bin/python3', [SCRIPT, name], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        TWIN_URL: t.url,
        TENANT_ID: twin.tenantId,
        CLIENT_ID: twin.portal.clientId,
        CLIENT_SECRET: twin.portal.clientSecret,
        SUBSCRIPTION_ID: BASELINE.subscriptionId,
        REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
      },
      timeout: 60_000,
    });
    return JSON.parse(stdout);
  }

  it('lists every top-level resource, filtered by group and type, without properties', async () => {
    const seen = await scenario('resources');
    expect(seen.byResourceGroup).toEqual([
      'kv-orders',
      'ordersdata',
      'wi-orders',
    ]);
    expect(seen.propertiesInList).toEqual([]);
    expect(seen.filteredByGroup).toEqual([
      'kv-orders',
      'ordersdata',
      'wi-orders',
    ]);
    expect(seen.filteredByType).toEqual(['wi-orders']);
    expect(seen.filteredByBoth).toEqual(['aks-prod']);
    expect(seen.expanded).toEqual([
      { name: 'wi-orders', provisioningState: 'Succeeded' },
    ]);
    expect(seen.invalidFilter).toEqual({
      status: 400,
      code: 'InvalidFilterInQueryString',
    });
  });

  it('creates a storage account through the create poller, with its blob service and a container', async () => {
    const seen = await scenario('storage');
    expect(seen.created).toEqual({
      name: 'pysdkdata',
      provisioningState: 'Succeeded',
      blob: `${t.url}/blob/pysdkdata/`,
    });
    expect(seen.shownEndpoints).toEqual({
      blob: `${t.url}/blob/pysdkdata/`,
      queue: `${t.url}/queue/pysdkdata/`,
      table: `${t.url}/table/pysdkdata/`,
      file: `${t.url}/file/pysdkdata/`,
      dfs: `${t.url}/dfs/pysdkdata/`,
      web: `${t.url}/web/pysdkdata/`,
    });
    expect(seen.listed).toEqual(['ordersdata', 'pysdkdata']);
    expect(seen.listedInGroup).toEqual(['ordersdata', 'pysdkdata']);
    expect(seen.container).toEqual({
      id: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/pysdkdata/blobServices/default/containers/data`,
      name: 'data',
    });
    expect(seen.containers).toEqual(['data']);
    expect(seen.blobService).toEqual({
      id: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/pysdkdata/blobServices/default`,
      name: 'default',
    });
  });
});
