import path from 'node:path';
import { nodeVnetOf } from '../demo/targetResources';
import {
  AzDemoSandbox,
  startAzDemoSandbox,
} from './__testUtils__/azDemoSandbox';
import { run } from './__testUtils__/azSession';

// Every az call starts a Python interpreter (about a second and a half).
jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, 'python', 'card_fixes_sdk.py');
const ZONE = 'privatelink.vaultcore.azure.net';

/**
 * The Azure side of the identity card's fixes on the demo world, through az and through the
 * Python SDKs: a Key Vault access policy (`az keyvault set-policy`) and a private DNS zone's
 * link to the nodes' network (`az network private-dns link vnet create`).
 */
describe('Key Vault access policies and private DNS links, through az and the Python SDKs', () => {
  let t: AzDemoSandbox;

  beforeAll(async () => {
    t = await startAzDemoSandbox();
  });
  afterAll(() => t?.stop());

  /** The vault in access-policy mode, and the identity of the component that uses it. */
  function accessPolicyVault() {
    const d = t.sandbox.demo!.world.components.find(
      c => c.scenario.id === 'kv-access-policy-mode-no-policy',
    )!;
    const id = d.targets[0].id;
    const [, , subscriptionId, , resourceGroup, , , , name] = id.split('/');
    return { id, subscriptionId, resourceGroup, name, identity: d.identity! };
  }

  function firstCluster() {
    const c = t.sandbox.demo!.world.clusters[0];
    return { ...c, vnet: nodeVnetOf(c) };
  }

  async function python(check: string, env: Record<string, string>) {
    const { twin } = t.sandbox.azure;
    const res = await run('/usr/bin/python3', [SCRIPT, check], {
      ...t.session.env,
      SANDBOX_URL: t.sandbox.azure.url,
      AZURE_TENANT_ID: twin.tenantId,
      AZURE_CLIENT_ID: twin.portal.clientId,
      AZURE_CLIENT_SECRET: twin.portal.clientSecret,
      ...env,
    });
    if (res.code !== 0) throw new Error(`${check}: ${res.stderr}`);
    return JSON.parse(res.stdout);
  }

  it('az keyvault set-policy adds the policy and leaves the vault as it was', async () => {
    const vault = accessPolicyVault();
    const set = await t.session.az([
      'keyvault',
      'set-policy',
      '--name',
      vault.name,
      '--resource-group',
      vault.resourceGroup,
      '--subscription',
      vault.subscriptionId,
      '--object-id',
      vault.identity.principalId,
      '--secret-permissions',
      'get',
      'list',
      '-o',
      'none',
    ]);
    expect(set).toEqual({ code: 0, stdout: '', stderr: '' });
    const stored = t.sandbox.azure.twin.state.getResource(vault.id)!;
    expect(stored.properties).toMatchObject({
      sku: { family: 'A', name: 'standard' },
      enableRbacAuthorization: false,
    });
    // az sends the permissions in no fixed order.
    const policies = (stored.properties.accessPolicies as any[]).map(p => ({
      ...p,
      permissions: { secrets: [...p.permissions.secrets].sort() },
    }));
    expect(policies).toEqual([
      {
        tenantId: t.sandbox.azure.twin.tenantId,
        objectId: vault.identity.principalId,
        permissions: { secrets: ['get', 'list'] },
      },
    ]);
  });

  it('the Python SDK reads the vault with its sku and writes it back with one more policy', async () => {
    const vault = accessPolicyVault();
    const other = '0f0f0f0f-0000-0000-0000-00000000c0de';
    const seen = await python('vault-policy', {
      AZURE_SUBSCRIPTION_ID: vault.subscriptionId,
      VAULT_RESOURCE_GROUP: vault.resourceGroup,
      VAULT_NAME: vault.name,
      OBJECT_ID: other,
    });
    expect(seen.sku).toEqual({ family: 'A', name: 'standard' });
    expect(seen.rbac).toBe(false);
    const objectIds = (policies: { object_id: string }[]) =>
      policies.map(p => p.object_id);
    expect(objectIds(seen.written)).toEqual(objectIds(seen.read));
    expect(objectIds(seen.read)).toContain(other);
  });

  it('az links the private DNS zone to a virtual network and lists the link', async () => {
    const c = firstCluster();
    const where = [
      '-g',
      c.resourceGroup,
      '--subscription',
      c.subscriptionId,
      '--zone-name',
      ZONE,
    ];
    const created = await t.session.az([
      'network',
      'private-dns',
      'link',
      'vnet',
      'create',
      ...where,
      '--name',
      'az-link',
      '--virtual-network',
      c.vnet,
      '--registration-enabled',
      'false',
      '-o',
      'json',
    ]);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'az-link',
      registrationEnabled: false,
      provisioningState: 'Succeeded',
      virtualNetwork: { id: c.vnet },
    });
    const listed = await t.session.az([
      'network',
      'private-dns',
      'link',
      'vnet',
      'list',
      ...where,
      '--query',
      '[].virtualNetwork.id',
      '-o',
      'tsv',
    ]);
    expect(listed.stdout.trim().split('\n')).toContain(c.vnet);
  });

  it('the Python SDK links the zone to a virtual network', async () => {
    const c = firstCluster();
    const seen = await python('dns-link', {
      AZURE_SUBSCRIPTION_ID: c.subscriptionId,
      ZONE_RESOURCE_GROUP: c.resourceGroup,
      ZONE_NAME: ZONE,
      LINK_NAME: 'sdk-link',
      VNET_ID: c.vnet,
    });
    expect(seen.created).toEqual({
      name: 'sdk-link',
      vnet: c.vnet,
      registrationEnabled: false,
      provisioningState: 'Succeeded',
    });
    expect(seen.listed).toContainEqual(['sdk-link', c.vnet]);
  });
});
