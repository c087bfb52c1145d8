import path from 'node:path';
import {
  AzDemoSandbox,
  startAzDemoSandbox,
} from '../../az/__testUtils__/azDemoSandbox';
import { run } from '../../az/__testUtils__/azSession';

// Every az call starts a Python interpreter (about a second and a half).
jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, 'python', 'role_assignments_sdk.py');
const READER = 'Storage Blob Data Reader';

/**
 * Role assignments through az (which resolves assignees and names through Microsoft Graph)
 * and through azure-mgmt-authorization, right after the identity is created, while the
 * twin's directory replication delay is on.
 */
describe('role assignments for new identities, through az and the Python SDK', () => {
  let t: AzDemoSandbox;
  let storage: string;
  let sub: string;

  beforeAll(async () => {
    t = await startAzDemoSandbox();
    sub = t.sandbox.azure.twin.subscriptionId;
    storage = `/subscriptions/${sub}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata`;
    // Long enough that nothing below outlives it: "right after" stays right after.
    t.sandbox.azure.twin.context.realism.principalReplicationDelayMs = 600_000;
  });
  afterAll(() => t?.stop());

  it('assigns a role with --assignee <clientId> right after az identity create', async () => {
    const created = await t.session.az([
      'identity',
      'create',
      '-g',
      'rg-apps',
      '-n',
      'wi-az-new',
      '-o',
      'json',
    ]);
    expect(created.code).toBe(0);
    const identity = JSON.parse(created.stdout);
    const assigned = await t.session.az([
      'role',
      'assignment',
      'create',
      '--role',
      READER,
      '--assignee',
      identity.clientId,
      '--scope',
      storage,
      '-o',
      'json',
    ]);
    expect(assigned.stderr).toBe('');
    expect(JSON.parse(assigned.stdout)).toMatchObject({
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
      scope: storage,
      roleDefinitionId: expect.stringMatching(
        /2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/,
      ),
    });
  });

  it('lists every assignment as a table, principals named through Graph', async () => {
    const listed = await t.session.az([
      'role',
      'assignment',
      'list',
      '--all',
      '-o',
      'table',
    ]);
    expect(listed.stderr).toBe('');
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toMatch(/^Principal\s+Role\s+Scope\s*$/);
    const { portal } = t.sandbox.azure.twin;
    // az names a service principal by its first servicePrincipalName, the appId.
    expect(lines.find(l => l.includes('Owner'))).toMatch(
      new RegExp(`^${portal.clientId}\\s+Owner\\s+/subscriptions/${sub}\\s*$`),
    );
    const json = await t.session.az([
      'role',
      'assignment',
      'list',
      '--scope',
      storage,
      '-o',
      'json',
    ]);
    const names = JSON.parse(json.stdout).map(
      (a: { principalName: string; roleDefinitionName: string }) =>
        `${a.roleDefinitionName}|${a.principalName}`,
    );
    const newcomer = t.sandbox.azure.twin.state.getIdentity(
      sub,
      'rg-apps',
      'wi-az-new',
    )!;
    expect(names).toContain(`${READER}|${newcomer.clientId}`);
  });

  it('shows service principals with az ad sp show, and /me as Graph answers an app', async () => {
    const newcomer = t.sandbox.azure.twin.state.getIdentity(
      sub,
      'rg-apps',
      'wi-az-new',
    )!;
    const shown = await t.session.az([
      'ad',
      'sp',
      'show',
      '--id',
      newcomer.clientId,
      '-o',
      'json',
    ]);
    expect(shown.stderr).toBe('');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id: newcomer.principalId,
      appId: newcomer.clientId,
      displayName: 'wi-az-new',
      servicePrincipalType: 'ManagedIdentity',
    });
    const me = await t.session.az(['ad', 'signed-in-user', 'show']);
    expect(me.code).not.toBe(0);
    expect(me.stderr).toContain(
      '/me request is only valid with delegated authentication flow.',
    );
  });

  it('creates with principal_type at once through azure-mgmt-authorization 3.0.0 and azure-mgmt-msi 6.1.0', async () => {
    const { twin } = t.sandbox.azure;
    const { stdout } = await run('/usr/bin/python3', [SCRIPT], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: t.dir,
      TWIN_URL: t.sandbox.azure.url,
      TENANT_ID: twin.tenantId,
      CLIENT_ID: twin.portal.clientId,
      CLIENT_SECRET: twin.portal.clientSecret,
      SUBSCRIPTION_ID: sub,
      REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
      SCOPE: storage,
      IDENTITY: 'wi-py-new',
    });
    expect(JSON.parse(stdout)).toEqual({
      principalId: twin.state.getIdentity(sub, 'rg-apps', 'wi-py-new')!
        .principalId,
      // The SDKs' own defaults, unchanged.
      apiVersions: { identity: '2018-11-30', roleAssignment: '2022-04-01' },
      withoutType: { status: 400, code: 'PrincipalNotFound' },
      withType: { principalType: 'ServicePrincipal', scope: storage },
    });
  });
});
