import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ClientSecretCredential } from '@azure/identity';
import yaml from 'js-yaml';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  AzDemoSandbox,
  startAzDemoSandbox,
} from '../../az/__testUtils__/azDemoSandbox';
import { run } from '../../az/__testUtils__/azSession';
import { request } from '../__testUtils__/startTestSandbox';

// Every az call starts a Python interpreter (about a second and a half).
jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, 'python', 'managed_clusters_sdk.py');

/** `az aks show`, `az aks get-credentials` and kubectl, the Python SDK and the JS SDK on the demo's aks-prod. */
describe('managed clusters and their credentials', () => {
  let t: AzDemoSandbox;
  let prod: { url: string; caData: string; issuerUrl: string };
  const kubectl = (kubeconfig: string, args: string[]) =>
    run('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, ...args], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: t.dir,
    });

  beforeAll(async () => {
    t = await startAzDemoSandbox();
    prod = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!;
  });
  afterAll(() => t?.stop());

  it('shows the cluster with az aks show, in the shape of the 2022-11-01 example', async () => {
    const issuer = await t.session.az([
      'aks',
      'show',
      '-g',
      'rg-aks',
      '-n',
      'aks-prod',
      '--query',
      'oidcIssuerProfile.issuerUrl',
      '-o',
      'tsv',
    ]);
    expect(issuer.stderr).toBe('');
    expect(issuer.stdout.trim()).toBe(prod.issuerUrl);
    const shown = JSON.parse(
      (
        await t.session.az([
          'aks',
          'show',
          '-g',
          'rg-aks',
          '-n',
          'aks-prod',
          '-o',
          'json',
        ])
      ).stdout,
    );
    expect(shown).toMatchObject({
      name: 'aks-prod',
      provisioningState: 'Succeeded',
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: 'MC_rg-aks_aks-prod_eastus',
      aadProfile: { managed: true },
      networkProfile: { networkPlugin: 'azure', outboundType: 'loadBalancer' },
      agentPoolProfiles: [
        expect.objectContaining({
          name: 'nodepool1',
          mode: 'System',
          vnetSubnetId: expect.stringMatching(/\/subnets\/nodes$/),
        }),
      ],
    });
    const table = await t.session.az(['aks', 'list', '-o', 'table']);
    expect(table.stderr).toBe('');
    expect(table.stdout).toContain('aks-prod');
  });

  it('writes a user kubeconfig kubectl accepts, signed in as the caller, and an admin one', async () => {
    const userFile = path.join(t.dir, 'user.kubeconfig');
    const got = await t.session.az([
      'aks',
      'get-credentials',
      '-g',
      'rg-aks',
      '-n',
      'aks-prod',
      '--file',
      userFile,
    ]);
    expect(got.code).toBe(0);
    const namespaces = await kubectl(userFile, [
      'get',
      'namespaces',
      '-o',
      'name',
    ]);
    expect(namespaces.stderr).toBe('');
    expect(namespaces.stdout).toContain('namespace/orders');
    // The user is the portal's principal under Kubernetes RBAC, not cluster-admin.
    const who = await kubectl(userFile, ['auth', 'whoami', '-o', 'json']);
    expect(JSON.parse(who.stdout).status.userInfo.username).toBe(
      t.sandbox.azure.twin.portal.objectId,
    );
    const userCan = await kubectl(userFile, [
      'auth',
      'can-i',
      'delete',
      'namespaces',
    ]);
    expect(userCan.stdout.trim()).toBe('no');

    const adminFile = path.join(t.dir, 'admin.kubeconfig');
    await t.session.az([
      'aks',
      'get-credentials',
      '-g',
      'rg-aks',
      '-n',
      'aks-prod',
      '--admin',
      '--file',
      adminFile,
    ]);
    const adminConfig = yaml.load(await fs.readFile(adminFile, 'utf8')) as any;
    expect(adminConfig['current-context']).toBe('aks-prod-admin');
    expect(adminConfig.users[0].name).toBe('clusterAdmin_rg-aks_aks-prod');
    const adminCan = await kubectl(adminFile, [
      'auth',
      'can-i',
      'delete',
      'namespaces',
    ]);
    expect(adminCan.stdout.trim()).toBe('yes');
  });

  it('serves get and both credential lists to azure-mgmt-containerservice', async () => {
    const { twin } = t.sandbox.azure;
    const prodSub = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!.subscriptionId!;
    const { stdout } = await run('/usr/bin/python3', [SCRIPT], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: t.dir,
      TWIN_URL: t.sandbox.azure.url,
      TENANT_ID: twin.tenantId,
      CLIENT_ID: twin.portal.clientId,
      CLIENT_SECRET: twin.portal.clientSecret,
      SUBSCRIPTION_ID: prodSub,
      REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
      KUBECONFIG_DIR: t.dir,
    });
    const seen = JSON.parse(stdout);
    expect(seen).toMatchObject({
      issuerUrl: prod.issuerUrl,
      servicePrincipalClientId: 'msi',
      aadManaged: true,
      subnets: [expect.stringMatching(/vnet-aks-prod\/subnets\/nodes$/)],
      user: { name: 'clusterUser' },
      admin: { name: 'clusterAdmin' },
      missing: { status: 404, code: 'ResourceNotFound' },
    });
    const listed = await kubectl(seen.user.path, [
      'get',
      'namespaces',
      '-o',
      'name',
    ]);
    expect(listed.stdout).toContain('namespace/orders');
  });

  it('gives @azure/arm-containerservice a kubeconfig naming the real server, CA and token', async () => {
    const { twin, url } = t.sandbox.azure;
    const ca = t.sandbox.tls.caCertPem;
    const credential = new ClientSecretCredential(
      twin.tenantId,
      twin.portal.clientId,
      twin.portal.clientSecret,
      {
        authorityHost: url,
        disableInstanceDiscovery: true,
        tlsOptions: { ca },
      },
    );
    const prodSub = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!.subscriptionId!;
    const aks = new ContainerServiceClient(credential, prodSub, {
      endpoint: url,
      tlsOptions: { ca },
    });
    const decode = (value: Uint8Array | undefined) =>
      yaml.load(Buffer.from(value!).toString('utf8')) as any;
    const user = await aks.managedClusters.listClusterUserCredentials(
      'rg-aks',
      'aks-prod',
    );
    const config = decode(user.kubeconfigs![0].value);
    expect(config.clusters[0]).toEqual({
      name: 'aks-prod',
      cluster: { server: prod.url, 'certificate-authority-data': prod.caData },
    });
    const cluster = t.sandbox.demo!.kubernetes.cluster('aks-prod');
    expect(cluster.authenticate(config.users[0].user.token)).toEqual({
      username: twin.portal.objectId,
      groups: ['system:authenticated'],
    });
    const admin = await aks.managedClusters.listClusterAdminCredentials(
      'rg-aks',
      'aks-prod',
    );
    const adminToken = decode(admin.kubeconfigs![0].value).users[0].user.token;
    expect(cluster.authenticate(adminToken)?.groups).toContain(
      'system:masters',
    );
  });

  it('refuses callers without the action, unknown formats and clusters without an API', async () => {
    const { twin, url } = t.sandbox.azure;
    const ca = t.sandbox.tls.caCertPem;
    const prodSub = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!.subscriptionId!;
    const base = `/subscriptions/${prodSub}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters`;
    const portalToken = twin.context.tokens.issue({
      resource: 'https://management.azure.com/',
      objectId: twin.portal.objectId,
      appId: twin.portal.clientId,
    }).token;
    // A workload identity holds no role on the cluster.
    const identity = twin.state
      .listIdentities({ subscriptionId: prodSub })
      .find(i => i.name === 'wi-orders')!;
    const identityToken = twin.context.tokens.issue({
      resource: 'https://management.azure.com/',
      objectId: identity.principalId,
      appId: identity.clientId,
    }).token;
    const denied = await request(
      url,
      ca,
      'POST',
      `${base}/aks-prod/listClusterUserCredential?api-version=2022-11-01`,
      undefined,
      identityToken,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      "'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'",
    );
    const format = await request(
      url,
      ca,
      'POST',
      `${base}/aks-prod/listClusterUserCredential?api-version=2022-11-01&format=yaml`,
      undefined,
      portalToken,
    );
    expect(format.status).toBe(400);
    expect(format.body.error.message).toContain('Use one of: azure, exec.');
    twin.state.putManagedCluster({
      subscriptionId: prodSub,
      resourceGroup: 'rg-aks',
      name: 'aks-paper',
    });
    const paper = await request(
      url,
      ca,
      'POST',
      `${base}/aks-paper/listClusterAdminCredential?api-version=2022-11-01`,
      undefined,
      portalToken,
    );
    expect(paper.status).toBe(400);
    expect(paper.body.error.message).toContain(
      "The sandbox runs no Kubernetes API for managed cluster 'aks-paper'",
    );
    const get = await request(
      url,
      ca,
      'GET',
      `${base}/aks-prod/listClusterUserCredential?api-version=2022-11-01`,
      undefined,
      portalToken,
    );
    expect(get.status).toBe(405);
  });
});
