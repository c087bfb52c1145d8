import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { WorkloadIdentityCredential } from '@azure/identity';
import { applySeed } from '../azure';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../azure/__testUtils__/startTestSandbox';
import {
  startTestKubernetes,
  TestKubernetes,
} from '../kubernetes/__testUtils__';
import { podsOf, runWorkload } from './runWorkload';

jest.setTimeout(60_000);

const STORAGE_BLOB_DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

/**
 * What a typical setup guide does, through the real clients only:
 * az identity create / federated-credential create / role assignment create
 * (the ARM SDKs), kubectl annotate + apply of a labelled deployment, and the
 * application's WorkloadIdentityCredential reading what the webhook injected.
 */
describe('workload identity setup guide, end to end', () => {
  let azure: TestSandbox;
  let k: TestKubernetes;
  let msi: ManagedServiceIdentityClient;
  let storageId: string;
  let clientId: string;
  let issuer: string;

  beforeAll(async () => {
    azure = await startTestSandbox();
    k = await startTestKubernetes({
      tls: azure.sandbox.tls,
      authorityHost: azure.url,
      clusters: [
        {
          name: 'aks-prod',
          subscriptionId: azure.subscriptionId,
          resourceGroup: 'rg-aks',
        },
      ],
    });
    issuer = k.twin.cluster('aks-prod').issuer.url;
    storageId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata`;
    applySeed(azure.sandbox.azure.twin.state, {
      resourceGroups: [{ name: 'rg-apps' }, { name: 'rg-aks' }],
      managedClusters: [
        {
          resourceGroup: 'rg-aks',
          name: 'aks-prod',
          issuerUrl: issuer,
          oidcIssuerEnabled: true,
          workloadIdentityEnabled: true,
        },
      ],
      resources: [
        {
          id: storageId,
          location: 'eastus',
          properties: {
            publicNetworkAccess: 'Enabled',
            networkAcls: {
              defaultAction: 'Allow',
              ipRules: [],
              virtualNetworkRules: [],
            },
          },
        },
        {
          id: `${storageId}/blobServices/default/containers/orders`,
          properties: {},
        },
      ],
      blobs: [
        {
          account: 'ordersdata',
          container: 'orders',
          name: 'hello.txt',
          content: 'hello from the twin',
        },
      ],
    });
    msi = new ManagedServiceIdentityClient(
      azure.credential,
      azure.subscriptionId,
      { endpoint: azure.url, ...azure.clientOptions },
    );
  });
  afterAll(async () => {
    await k?.stop();
    await azure?.stop();
  });

  const fic = (
    overrides: { issuer?: string; subject?: string; audiences?: string[] } = {},
  ) =>
    msi.federatedIdentityCredentials.createOrUpdate(
      'rg-apps',
      'wi-orders',
      'orders-api',
      {
        issuer: overrides.issuer ?? issuer,
        subject: overrides.subject ?? 'system:serviceaccount:orders:orders-api',
        audiences: overrides.audiences ?? ['api://AzureADTokenExchange'],
      },
    );

  const tokenFromPod = async () => {
    const [pod] = podsOf(k.twin, {
      cluster: 'aks-prod',
      namespace: 'orders',
      deployment: 'orders-api',
    });
    const workload = await runWorkload({
      twin: k.twin,
      cluster: 'aks-prod',
      namespace: 'orders',
      pod: pod.metadata.name,
    });
    return {
      workload,
      token: await new WorkloadIdentityCredential(
        workload.credentialOptions(),
      ).getToken('https://storage.azure.com/.default'),
    };
  };

  it('gives the pod a token that the data plane accepts for the granted resource', async () => {
    const identity = await msi.userAssignedIdentities.createOrUpdate(
      'rg-apps',
      'wi-orders',
      { location: 'eastus' },
    );
    clientId = identity.clientId!;
    await fic();
    const authz = new AuthorizationManagementClient(
      azure.credential,
      azure.subscriptionId,
      { endpoint: azure.url, ...azure.clientOptions },
    );
    await authz.roleAssignments.create(
      storageId,
      '0d5e4f1a-0000-4000-8000-000000000001',
      {
        roleDefinitionId: `/subscriptions/${azure.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_READER}`,
        principalId: identity.principalId!,
        principalType: 'ServicePrincipal',
      },
    );

    const apply = await k.kubectl(
      ['apply', '-f', '-'],
      `
apiVersion: v1
kind: Namespace
metadata: {name: orders}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: orders-api, namespace: orders}
`,
    );
    expect(apply.code).toBe(0);
    expect(
      (
        await k.kubectl([
          '-n',
          'orders',
          'annotate',
          'sa',
          'orders-api',
          `azure.workload.identity/client-id=${clientId}`,
        ])
      ).code,
    ).toBe(0);
    const deploy = await k.kubectl(
      ['apply', '-f', '-'],
      `
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders-api, namespace: orders}
spec:
  replicas: 1
  selector: {matchLabels: {app: orders-api}}
  template:
    metadata:
      labels: {app: orders-api, azure.workload.identity/use: "true"}
    spec:
      serviceAccountName: orders-api
      containers: [{name: app, image: ghcr.io/example/orders-api:1.0.0}]
`,
    );
    expect(deploy.stdout).toBe('deployment.apps/orders-api created\n');

    const { workload, token } = await tokenFromPod();
    expect(workload.env).toMatchObject({
      AZURE_CLIENT_ID: clientId,
      AZURE_TENANT_ID: azure.tenantId,
      AZURE_AUTHORITY_HOST: azure.url,
    });
    expect(
      workload.tokenFiles[workload.tokenFiles.length - 1].containerPath,
    ).toBe('/var/run/secrets/azure/wi/token/azure-identity-token');
    const blob = await request(
      azure.url,
      azure.caPem,
      'GET',
      '/blob/ordersdata/orders/hello.txt',
      undefined,
      token.token,
      { 'x-ms-version': '2023-11-03' },
    );
    expect(blob.status).toBe(200);
    expect(blob.text).toBe('hello from the twin');
  });

  it('the same workload in a child process (NODE_EXTRA_CA_CERTS, env only) gets a token too', async () => {
    const [pod] = podsOf(k.twin, {
      cluster: 'aks-prod',
      namespace: 'orders',
      deployment: 'orders-api',
    });
    const workload = await runWorkload({
      twin: k.twin,
      cluster: 'aks-prod',
      namespace: 'orders',
      pod: pod.metadata.name,
    });
    const script = `const { WorkloadIdentityCredential } = require('@azure/identity');
new WorkloadIdentityCredential({ disableInstanceDiscovery: true }).getToken('https://storage.azure.com/.default')
  .then(t => console.log(t.token.split('.').length), e => { console.error(e.message); process.exit(3); });`;
    const result = await workload.exec(process.execPath, ['-e', script]);
    expect(result).toMatchObject({ code: 0, stdout: '3\n' });
  });

  it.each([
    {
      what: 'a wrong subject',
      overrides: { subject: 'system:serviceaccount:order:orders-api' },
      code: 'AADSTS700213',
    },
    {
      what: 'a wrong issuer',
      overrides: {
        issuer:
          'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
      },
      code: 'AADSTS700211',
    },
    {
      what: 'a wrong audience',
      overrides: { audiences: ['api://SomethingElse'] },
      code: 'AADSTS700212',
    },
  ])(
    'fails with $what in the FIC as Entra does ($code)',
    async ({ overrides, code }) => {
      await fic(overrides);
      await expect(tokenFromPod()).rejects.toThrow(code);
      await fic();
    },
  );

  it('stops working when the cluster is rebuilt (new issuer), until the FIC follows', async () => {
    const cluster = k.twin.cluster('aks-prod');
    const old = cluster.issuer.url;
    cluster.issuer.changeUrl(
      k.twin.issuerUrlFor('0f0f0f0f-0000-0000-0000-00000000abcd'),
    );
    await expect(tokenFromPod()).rejects.toThrow('AADSTS700211');
    expect(cluster.issuer.previousUrls).toEqual([old]);
    await fic({ issuer: cluster.issuer.url });
    await expect(tokenFromPod()).resolves.toBeDefined();
  });

  it('keeps tokens signed with the previous key valid across a signing-key rotation', async () => {
    const cluster = k.twin.cluster('aks-prod');
    const [pod] = podsOf(k.twin, {
      cluster: 'aks-prod',
      namespace: 'orders',
      deployment: 'orders-api',
    });
    const workload = await runWorkload({
      twin: k.twin,
      cluster: 'aks-prod',
      namespace: 'orders',
      pod: pod.metadata.name,
    });
    cluster.issuer.rotateSigningKey();
    expect(cluster.issuer.jwks().keys).toHaveLength(2);
    await expect(
      new WorkloadIdentityCredential(workload.credentialOptions()).getToken(
        'https://storage.azure.com/.default',
      ),
    ).resolves.toBeDefined();
    cluster.issuer.retireOldKeys();
    await expect(
      new WorkloadIdentityCredential(workload.credentialOptions()).getToken(
        'https://storage.azure.com/.default',
      ),
    ).rejects.toThrow(/AADSTS/);
    await workload.refreshTokens();
    await expect(
      new WorkloadIdentityCredential(workload.credentialOptions()).getToken(
        'https://storage.azure.com/.default',
      ),
    ).resolves.toBeDefined();
  });
});
