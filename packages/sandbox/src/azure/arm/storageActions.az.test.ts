import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AzSession,
  run,
  startAzSession,
} from '../../az/__testUtils__/azSession';
import { BASELINE, baselineAzureSeed } from '../seed/baseline';
import {
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

// Every az call starts a Python interpreter (a second or two).
jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, 'python', 'storage_actions_sdk.py');
const INVALID =
  'is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.';

/**
 * Storage account name checks, account keys and data-role assignments under an account's
 * blob service, through Debian's az 2.45 and azure-mgmt-storage 21 (@azure/arm-storage is
 * not installed here).
 */
describe('storage account actions and container-scoped role assignments', () => {
  let t: TestSandbox;
  let session: AzSession;
  let dir: string;
  let account: string;

  const az = async (...args: string[]) => {
    const res = await session.az(args);
    if (res.code !== 0)
      throw new Error(`az ${args.join(' ')} failed: ${res.stderr}`);
    return res.stdout;
  };
  const azJson = async (...args: string[]) =>
    JSON.parse(await az(...args, '-o', 'json'));

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'az-storage-actions-'));
    const { twin } = t.sandbox.azure;
    session = await startAzSession({
      azureUrl: t.url,
      caFile: t.sandbox.tls.caPath,
      tenantId: twin.tenantId,
      clientId: twin.portal.clientId,
      clientSecret: twin.portal.clientSecret,
      dir,
    });
    account = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/${BASELINE.storageAccount}`;
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('az storage account check-name tells a taken name, an invalid one and a free one apart', async () => {
    expect(
      await azJson('storage', 'account', 'check-name', '-n', 'ordersdata'),
    ).toEqual({
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: 'The storage account named ordersdata is already taken.',
    });
    expect(
      await azJson('storage', 'account', 'check-name', '-n', 'Orders-Data'),
    ).toEqual({
      nameAvailable: false,
      reason: 'AccountNameInvalid',
      message: `Orders-Data ${INVALID}`,
    });
    expect(
      await azJson('storage', 'account', 'check-name', '-n', 'freshname42'),
    ).toEqual({
      nameAvailable: true,
      reason: null,
      message: null,
    });
  });

  it('az storage account keys list lists key1 and key2, with the creation time of the account’s keys', async () => {
    await az(
      'storage',
      'account',
      'create',
      '-g',
      'rg-apps',
      '-n',
      'azkeysdata',
      '-l',
      'eastus',
      '-o',
      'none',
    );
    const created = await azJson(
      'storage',
      'account',
      'show',
      '-g',
      'rg-apps',
      '-n',
      'azkeysdata',
    );
    const keys = await azJson(
      'storage',
      'account',
      'keys',
      'list',
      '-g',
      'rg-apps',
      '-n',
      'azkeysdata',
    );
    expect(keys).toEqual([
      {
        keyName: 'key1',
        permissions: 'FULL',
        creationTime: created.keyCreationTime.key1,
        value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      },
      {
        keyName: 'key2',
        permissions: 'FULL',
        creationTime: created.keyCreationTime.key2,
        value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      },
    ]);
    expect(keys[0].value).not.toBe(keys[1].value);
    // The same keys until they are regenerated; another account has its own.
    expect(
      await azJson('storage', 'account', 'keys', 'list', '-n', 'azkeysdata'),
    ).toEqual(keys);
    const other = await azJson(
      'storage',
      'account',
      'keys',
      'list',
      '-n',
      'ordersdata',
    );
    expect(other.map((k: { value: string }) => k.value)).not.toContain(
      keys[0].value,
    );
  });

  it('lists the keys of an account that refuses Shared Key on its data plane', async () => {
    expect(
      (
        await az(
          'storage',
          'account',
          'show',
          '-n',
          'ordersdata',
          '--query',
          'allowSharedKeyAccess',
          '-o',
          'tsv',
        )
      ).trim(),
    ).toBe('false');
    const keys = await azJson(
      'storage',
      'account',
      'keys',
      'list',
      '-g',
      'rg-apps',
      '-n',
      'ordersdata',
    );
    expect(
      keys.map((k: { keyName: string; permissions: string }) => [
        k.keyName,
        k.permissions,
      ]),
    ).toEqual([
      ['key1', 'FULL'],
      ['key2', 'FULL'],
    ]);
    const missing = await session.az([
      'storage',
      'account',
      'keys',
      'list',
      '-g',
      'rg-apps',
      '-n',
      'nosuchaccount',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      "The Resource 'Microsoft.Storage/storageAccounts/nosuchaccount' under resource group 'rg-apps' was not found.",
    );
  });

  it('checks names and lists keys through azure-mgmt-storage', async () => {
    const { twin } = t.sandbox.azure;
    const res = await run('/usr/bin/python3', [SCRIPT], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      TWIN_URL: t.url,
      TENANT_ID: twin.tenantId,
      CLIENT_ID: twin.portal.clientId,
      CLIENT_SECRET: twin.portal.clientSecret,
      SUBSCRIPTION_ID: BASELINE.subscriptionId,
      REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
    });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      apiVersion: '2022-09-01',
      checks: {
        ordersdata: {
          nameAvailable: false,
          reason: 'AlreadyExists',
          message: 'The storage account named ordersdata is already taken.',
        },
        pysdkfreename: { nameAvailable: true, reason: null, message: null },
        Orders_Data: {
          nameAvailable: false,
          reason: 'AccountNameInvalid',
          message: `Orders_Data ${INVALID}`,
        },
      },
      allowSharedKeyAccess: false,
      keys: [
        { keyName: 'key1', permissions: 'FULL', valueLength: 88 },
        { keyName: 'key2', permissions: 'FULL', valueLength: 88 },
      ],
      distinctValues: 2,
    });
  });

  it('assigns a data role at the blob service and at a container, lists and deletes it', async () => {
    const service = `${account}/blobServices/default`;
    const container = `${service}/containers/orders`;
    const assign = (scope: string) =>
      session.az([
        'role',
        'assignment',
        'create',
        '--role',
        'Storage Blob Data Reader',
        '--assignee-object-id',
        BASELINE.identity.principalId,
        '--assignee-principal-type',
        'ServicePrincipal',
        '--scope',
        scope,
        '-o',
        'json',
      ]);
    for (const scope of [service, container]) {
      const res = await assign(scope);
      expect(res.stderr).toBe('');
      expect(JSON.parse(res.stdout)).toMatchObject({
        scope,
        principalId: BASELINE.identity.principalId,
        // Storage Blob Data Reader (built-in role id).
        roleDefinitionId: expect.stringMatching(
          /\/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/,
        ),
      });
    }
    const listed = await azJson(
      'role',
      'assignment',
      'list',
      '--scope',
      container,
    );
    expect(
      listed.map((ra: { scope: string; roleDefinitionName: string }) => [
        ra.scope,
        ra.roleDefinitionName,
      ]),
    ).toEqual([[container, 'Storage Blob Data Reader']]);
    const atService = await azJson(
      'role',
      'assignment',
      'list',
      '--scope',
      service,
    );
    expect(atService.map((ra: { scope: string }) => ra.scope)).toEqual([
      service,
    ]);

    await az('role', 'assignment', 'delete', '--ids', listed[0].id);
    expect(
      await azJson('role', 'assignment', 'list', '--scope', container),
    ).toEqual([]);
  });

  it('refuses a role assignment under a container or an account that does not exist', async () => {
    const create = (scope: string) =>
      session.az([
        'role',
        'assignment',
        'create',
        '--role',
        'Storage Blob Data Reader',
        '--assignee-object-id',
        BASELINE.identity.principalId,
        '--assignee-principal-type',
        'ServicePrincipal',
        '--scope',
        scope,
      ]);
    const noContainer = await create(
      `${account}/blobServices/default/containers/nope`,
    );
    expect(noContainer.code).not.toBe(0);
    expect(noContainer.stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/nope' under resource group 'rg-apps' was not found.",
    );
    const noAccount = await create(
      `${account.replace(
        /ordersdata$/,
        'nosuchaccount',
      )}/blobServices/default/containers/orders`,
    );
    expect(noAccount.code).not.toBe(0);
    // The first missing level is the account: ARM names it, not the container.
    expect(noAccount.stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/nosuchaccount' under resource group 'rg-apps' was not found.",
    );
  });
});
