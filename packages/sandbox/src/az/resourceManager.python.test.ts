import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applySeed } from '../azure/seed/applySeed';
import { baselineAzureSeed, BASELINE } from '../azure/seed/baseline';
import { ROLE_IDS } from '../azure';
import {
  startTestSandbox,
  TestSandbox,
} from '../azure/__testUtils__/startTestSandbox';
import { AzSession, run, startAzSession } from './__testUtils__/azSession';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, 'python', 'resource_manager_sdk.py');
/** A subscription of the tenant where the portal holds no role at all. */
const FOREIGN_SUB = '00000000-0000-0000-0000-0000000000f1';
/** A subscription where the portal only reads one resource group. */
const RG_ONLY_SUB = '00000000-0000-0000-0000-0000000000f2';

describe("Debian's Azure SDKs for Python against the sandbox", () => {
  let t: TestSandbox;
  let session: AzSession;

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    const { state, portal } = t.sandbox.azure.twin;
    state.addSubscription(FOREIGN_SUB);
    state.addSubscription(RG_ONLY_SUB);
    applySeed(state, {
      resourceGroups: [
        { subscriptionId: RG_ONLY_SUB, name: 'rg-shared', location: 'eastus' },
      ],
      roleAssignments: [
        {
          role: ROLE_IDS.reader,
          scope: `/subscriptions/${RG_ONLY_SUB}/resourceGroups/rg-shared`,
          principalId: portal.objectId,
        },
      ],
    });
    const dir = path.join(t.sandbox.tls.caPath, '..', 'python-session');
    await fs.mkdir(dir, { recursive: true });
    session = await startAzSession({
      azureUrl: t.url,
      caFile: t.sandbox.tls.caPath,
      tenantId: t.tenantId,
      clientId: portal.clientId,
      clientSecret: portal.clientSecret,
      dir,
    });
  });
  afterAll(() => t?.stop());

  /** `python3 resource_manager_sdk.py <check>` in the shell that sourced az.env. */
  async function python(check: string) {
    const { portal } = t.sandbox.azure.twin;
    const res = await run('/usr/bin/python3', [SCRIPT, check], {
      ...session.env,
      SANDBOX_URL: t.url,
      AZURE_TENANT_ID: t.tenantId,
      AZURE_CLIENT_ID: portal.clientId,
      AZURE_CLIENT_SECRET: portal.clientSecret,
      AZURE_SUBSCRIPTION_ID: BASELINE.subscriptionId,
      FOREIGN_SUBSCRIPTION_ID: FOREIGN_SUB,
    });
    if (res.code !== 0) throw new Error(res.stderr);
    return JSON.parse(res.stdout);
  }

  it('lists the subscriptions the caller holds a role in, gets one, and lists the tenant', async () => {
    const out = await python('subscriptions');
    expect(
      out.list
        .map((s: { subscription_id: string }) => s.subscription_id)
        .sort(),
    ).toEqual([BASELINE.subscriptionId, RG_ONLY_SUB].sort());
    // The shape of GetSubscription.json in the resources spec (2022-12-01 examples).
    expect(out.get).toMatchObject({
      id: `/subscriptions/${BASELINE.subscriptionId}`,
      subscription_id: BASELINE.subscriptionId,
      tenant_id: t.tenantId,
      state: 'Enabled',
      authorization_source: 'RoleBased',
      managed_by_tenants: [],
      subscription_policies: { spending_limit: 'Off' },
    });
    expect(out.get.display_name).toEqual(expect.any(String));
    expect(out.foreign).toEqual({ status: 403, code: 'AuthorizationFailed' });
    expect(out.tenants).toEqual([
      expect.objectContaining({
        id: `/tenants/${t.tenantId}`,
        tenant_id: t.tenantId,
        tenant_category: 'Home',
      }),
    ]);
  });

  it('reads a provider with its resource types and api-versions', async () => {
    const out = await python('providers');
    expect(out.get).toMatchObject({
      id: `/subscriptions/${BASELINE.subscriptionId}/providers/Microsoft.ContainerService`,
      namespace: 'Microsoft.ContainerService',
      registration_state: 'Registered',
    });
    const clusters = out.get.resource_types.find(
      (r: { resource_type: string }) => r.resource_type === 'managedClusters',
    );
    // az 2.45 sends 2022-11-01 for managed clusters.
    expect(clusters.api_versions).toContain('2022-11-01');
    // At the tenant a provider has no id and no registration state (GetNamedProviderAtTenant.json).
    expect(out.atTenant.id).toBeUndefined();
    expect(out.atTenant.registration_state).toBeUndefined();
    expect(
      out.atTenant.resource_types.map(
        (r: { resource_type: string }) => r.resource_type,
      ),
    ).toContain('storageAccounts');
    expect(out.registered).toMatchObject({
      namespace: 'Microsoft.Storage',
      registration_state: 'Registered',
    });
    expect(out.unknown).toEqual({
      status: 404,
      code: 'InvalidResourceNamespace',
    });
    expect(out.namespaces).toEqual(
      expect.arrayContaining([
        'Microsoft.Resources',
        'Microsoft.ManagedIdentity',
        'Microsoft.Authorization',
        'Microsoft.Storage',
        'Microsoft.KeyVault',
      ]),
    );
  });

  it('fails to delete a resource group that does not exist with a 404', async () => {
    expect(await python('delete-missing-group')).toEqual({
      error: 'ResourceNotFoundError',
      status: 404,
      code: 'ResourceGroupNotFound',
    });
  });
});
