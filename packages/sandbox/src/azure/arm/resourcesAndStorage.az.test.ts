import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzSession, startAzSession } from '../../az/__testUtils__/azSession';
import { baselineAzureSeed } from '../seed/baseline';
import {
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

// Every az call starts a Python interpreter (a second or two).
jest.setTimeout(120_000);

/** Debian's az 2.45, after `source az.env`, on resource lists and storage. */
describe('az resource list and az storage against the twin', () => {
  let t: TestSandbox;
  let session: AzSession;
  let dir: string;

  const az = async (...args: string[]) => {
    const res = await session.az(args);
    if (res.code !== 0)
      throw new Error(`az ${args.join(' ')} failed: ${res.stderr}`);
    return res.stdout;
  };
  /** az's table output as one record per row, cut where its dashed rule puts the columns. */
  const rows = (table: string) => {
    const [header, rule, ...lines] = table.trimEnd().split('\n');
    const columns = [...rule.matchAll(/-+/g)].map(m => ({
      name: header.slice(m.index!, m.index! + m[0].length).trim(),
      from: m.index!,
      to: m.index! + m[0].length,
    }));
    return lines.map(line =>
      Object.fromEntries(
        columns.map(c => [c.name, line.slice(c.from, c.to).trim()]),
      ),
    );
  };

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'az-resources-'));
    const { twin } = t.sandbox.azure;
    session = await startAzSession({
      azureUrl: t.url,
      caFile: t.sandbox.tls.caPath,
      tenantId: twin.tenantId,
      clientId: twin.portal.clientId,
      clientSecret: twin.portal.clientSecret,
      dir,
    });
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints a resource group’s resources as a table', async () => {
    const table = await az('resource', 'list', '-g', 'rg-apps', '-o', 'table');
    expect(
      rows(table)
        .map(r => [r.Name, r.ResourceGroup, r.Location, r.Type])
        .sort(),
    ).toEqual([
      ['kv-orders', 'rg-apps', 'eastus', 'Microsoft.KeyVault/vaults'],
      ['ordersdata', 'rg-apps', 'eastus', 'Microsoft.Storage/storageAccounts'],
      [
        'wi-orders',
        'rg-apps',
        'eastus',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
      ],
    ]);
  });

  it('lists one resource type across the subscription', async () => {
    const listed = JSON.parse(
      await az(
        'resource',
        'list',
        '--resource-type',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        '-o',
        'json',
      ),
    );
    expect(listed.map((r: { name: string }) => r.name)).toEqual(['wi-orders']);
    expect(listed[0]).toMatchObject({
      resourceGroup: 'rg-apps',
      provisioningState: 'Succeeded',
      properties: null,
    });
  });

  it('creates a storage account, lists it, adds a container and shows its blob endpoint', async () => {
    const created = JSON.parse(
      await az(
        'storage',
        'account',
        'create',
        '-g',
        'rg-apps',
        '-n',
        'azclidata',
        '-l',
        'westeurope',
        '-o',
        'json',
      ),
    );
    expect(created).toMatchObject({
      name: 'azclidata',
      location: 'westeurope',
      kind: 'StorageV2',
      provisioningState: 'Succeeded',
      // az's default SKU.
      sku: { name: 'Standard_RAGRS' },
    });

    const accounts = rows(
      await az('storage', 'account', 'list', '-o', 'table'),
    );
    expect(
      accounts.map(r => [r.Name, r.ResourceGroup, r.Location]).sort(),
    ).toEqual([
      ['azclidata', 'rg-apps', 'westeurope'],
      ['ordersdata', 'rg-apps', 'eastus'],
    ]);

    const container = JSON.parse(
      await az(
        'storage',
        'container-rm',
        'create',
        '--storage-account',
        'azclidata',
        '-n',
        'data',
        '-o',
        'json',
      ),
    );
    expect(container).toMatchObject({
      name: 'data',
      resourceGroup: 'rg-apps',
      type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    });

    const blob = await az(
      'storage',
      'account',
      'show',
      '-g',
      'rg-apps',
      '-n',
      'azclidata',
      '--query',
      'primaryEndpoints.blob',
      '-o',
      'tsv',
    );
    expect(blob.trim()).toBe(`${t.url}/blob/azclidata/`);
  });
});
