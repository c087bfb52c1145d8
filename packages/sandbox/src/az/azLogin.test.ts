import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  AzDemoSandbox,
  startAzDemoSandbox,
} from './__testUtils__/azDemoSandbox';
import { run } from './__testUtils__/azSession';

// Every az call starts a Python interpreter (about a second and a half).
jest.setTimeout(120_000);

const json = (stdout: string) => JSON.parse(stdout);

describe('az against the sandbox after `source az.env`', () => {
  let t: AzDemoSandbox;
  let subscriptions: string[];

  beforeAll(async () => {
    t = await startAzDemoSandbox();
    subscriptions = [
      ...new Set(
        t.sandbox
          .demo!.kubernetes.clusterInfo()
          .map(c => c.subscriptionId as string),
      ),
    ];
  });
  afterAll(() => t?.stop());

  it('signs in as the portal principal and lists the subscriptions it holds roles in', async () => {
    const shown = await t.session.az(['account', 'show', '-o', 'json']);
    expect(shown.stderr).toBe('');
    expect(json(shown.stdout)).toMatchObject({
      environmentName: 'Sandbox',
      tenantId: t.sandbox.azure.twin.tenantId,
      user: {
        name: t.sandbox.azure.twin.portal.clientId,
        type: 'servicePrincipal',
      },
    });
    const listed = await t.session.az(['account', 'list', '-o', 'json']);
    expect(
      json(listed.stdout)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual([...subscriptions].sort());
    expect(subscriptions.length).toBeGreaterThan(1);

    // Sourcing it again in a signed-in shell changes nothing and says nothing.
    const again = await run(
      '/bin/sh',
      ['-c', '. "$1"', 'sh', path.join(t.dir, 'session', 'az.env')],
      t.session.env,
    );
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('lists resource groups and the identities of one', async () => {
    const groups = await t.session.az(['group', 'list', '-o', 'json']);
    expect(groups.code).toBe(0);
    expect(json(groups.stdout).map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining(['rg-aks', 'rg-apps']),
    );
    const identities = await t.session.az([
      'identity',
      'list',
      '-g',
      'rg-apps',
      '-o',
      'json',
    ]);
    expect(identities.code).toBe(0);
    expect(
      json(identities.stdout).map((i: { name: string }) => i.name),
    ).toContain('wi-orders');
  });

  it('shows a managed cluster by id, reading the api-version from its provider', async () => {
    const prod = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!;
    const id = `/subscriptions/${prod.subscriptionId}/resourceGroups/${prod.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
    const shown = await t.session.az([
      'resource',
      'show',
      '--ids',
      id,
      '-o',
      'json',
    ]);
    expect(shown.stderr).toBe('');
    const cluster = json(shown.stdout);
    // ARM ids compare case-insensitively; AKS answers `resourcegroups`.
    expect(cluster.id.toLowerCase()).toBe(id.toLowerCase());
    expect(cluster.name).toBe('aks-prod');
    const provider = await t.session.az([
      'provider',
      'show',
      '-n',
      'Microsoft.ContainerService',
      '-o',
      'json',
    ]);
    expect(json(provider.stdout)).toMatchObject({
      namespace: 'Microsoft.ContainerService',
      registrationState: 'Registered',
    });
  });

  it('fails to delete a resource group that does not exist with ResourceGroupNotFound', async () => {
    const deleted = await t.session.az([
      'group',
      'delete',
      '-n',
      'nope',
      '--yes',
    ]);
    expect(deleted.code).not.toBe(0);
    expect(deleted.stderr).toContain('ResourceGroupNotFound');
    expect(deleted.stderr).toContain(
      "Resource group 'nope' could not be found",
    );
  });

  it('rejects a token whose audience no federated credential names', async () => {
    const token = (
      await t.kubectl([
        '--context',
        'aks-prod',
        '-n',
        'orders',
        'create',
        'token',
        'orders-api',
      ])
    ).trim();
    const login = await t.session.az([
      'login',
      '--service-principal',
      '-u',
      t.sandbox.azure.twin.state
        .listIdentities({
          subscriptionId: subscriptions[0],
        })
        .find(i => i.name === 'wi-orders')!.clientId,
      '-t',
      t.sandbox.azure.twin.tenantId,
      '--federated-token',
      token,
    ]);
    expect(login.code).not.toBe(0);
    expect(login.stderr).toContain('AADSTS700212');
  });

  it('registers a cloud from the resource manager endpoint alone', async () => {
    const url = t.sandbox.azure.url;
    const env = { AZURE_CONFIG_DIR: path.join(t.dir, 'az-discovered') };
    const registered = await t.session.az(
      [
        'cloud',
        'register',
        '-n',
        'Discovered',
        '--endpoint-resource-manager',
        `${url}/`,
      ],
      { env },
    );
    expect(registered.stderr).toBe('');
    const shown = await t.session.az(
      ['cloud', 'show', '-n', 'Discovered', '-o', 'json'],
      { env },
    );
    expect(json(shown.stdout).endpoints).toMatchObject({
      resourceManager: `${url}/`,
      activeDirectory: `${url}/`,
      activeDirectoryResourceId: `${url}/`,
      activeDirectoryGraphResourceId: `${url}/`,
    });
  });

  it("serves the 2022-09-01 metadata as one cloud that az's reader maps", async () => {
    const url = t.sandbox.azure.url;
    const res = await run(
      '/usr/bin/python3',
      [path.join(__dirname, 'python', 'cloud_metadata.py'), url],
      t.session.env,
    );
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      name: 'Sandbox',
      endpoints: expect.objectContaining({
        resource_manager: `${url}/`,
        active_directory: url,
        active_directory_resource_id: `${url}/`,
        microsoft_graph_resource_id: `${url}/`,
      }),
    });
  });

  it('knows the sandbox cloud from ARM_CLOUD_METADATA_URL (the list of clouds)', async () => {
    const url = t.sandbox.azure.url;
    const configDir = path.join(t.dir, 'az-metadata');
    await fs.mkdir(configDir);
    const listed = await t.session.az(['cloud', 'list', '-o', 'json'], {
      env: {
        AZURE_CONFIG_DIR: configDir,
        // az fetches this URL with urllib, which trusts OpenSSL's store, not REQUESTS_CA_BUNDLE.
        SSL_CERT_FILE: t.sandbox.tls.caPath,
        ARM_CLOUD_METADATA_URL: `${url}/metadata/endpoints?api-version=2019-05-01`,
      },
    });
    expect(listed.stderr).toBe('');
    expect(json(listed.stdout)).toEqual([
      expect.objectContaining({
        name: 'Sandbox',
        endpoints: expect.objectContaining({
          resourceManager: `${url}/`,
          activeDirectory: url,
          microsoftGraphResourceId: `${url}/`,
        }),
      }),
    ]);
  });
  it('signs in as a workload identity with a service account token (seed guide 001, step 7)', async () => {
    const clientId = await t.kubectl([
      '--context',
      'aks-prod',
      '-n',
      'orders',
      'get',
      'serviceaccount',
      'orders-api',
      '-o',
      'jsonpath={.metadata.annotations.azure\\.workload\\.identity/client-id}',
    ]);
    const token = (
      await t.kubectl([
        '--context',
        'aks-prod',
        '-n',
        'orders',
        'create',
        'token',
        'orders-api',
        '--audience',
        'api://AzureADTokenExchange',
      ])
    ).trim();
    // As in the guide: the shell that sourced az.env signs in as the workload (last test,
    // since it leaves the workload as the active account).
    const login = await t.session.az([
      'login',
      '--service-principal',
      '-u',
      clientId,
      '-t',
      t.sandbox.azure.twin.tenantId,
      '--federated-token',
      token,
      '-o',
      'json',
    ]);
    expect(login.stderr).toBe('');
    const accounts = json(login.stdout);
    // Only the subscription where the identity holds a role, as ARM lists them.
    expect(accounts.map((a: { id: string }) => a.id)).toEqual([
      subscriptions[0],
    ]);
    expect(accounts[0].user).toEqual({
      name: clientId,
      type: 'servicePrincipal',
    });
    const shown = await t.session.az(['account', 'show', '-o', 'json']);
    expect(json(shown.stdout).user.name).toBe(clientId);

    // Back to the portal: `az logout`, then `source az.env` again.
    expect((await t.session.az(['logout'])).stderr).toBe('');
    const again = await run(
      '/bin/sh',
      [
        '-c',
        '. "$1" && az account show --query user.name -o tsv',
        'sh',
        path.join(t.dir, 'session', 'az.env'),
      ],
      t.session.env,
    );
    expect(again.stdout.trim()).toBe(t.sandbox.azure.twin.portal.clientId);
  });
});
