import { WorkloadIdentityCredential } from '@azure/identity';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import https from 'node:https';
import { podsOf, runWorkload } from 'sandbox';
import request from 'supertest';
import { createLivePreflightReader } from '../clients/createLivePreflightReader';
import { createProvisioningClients } from '../clients/createProvisioningClients';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../clients/__testUtils__/startDemoSandbox';
import { createAzureWorkloadIdentityPlugin } from '../plugin';

jest.setTimeout(120_000);

const API = '/api/azure-workload-identity';
const OLIVIA = 'user:default/olivia-orders';

/**
 * Issue-level behaviour through the HTTP API, the real SDKs and the Kubernetes client against
 * the sandbox: requests end active, the workload gets a token the data plane honours, and
 * running things again creates nothing twice.
 */
describe('provisioning against the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoSandbox;
  let server: Parameters<typeof request>[0];
  let storage: string;

  beforeAll(async () => {
    // The twin's eventual consistency on, briefly: the provisioner must wait it out.
    demo = await startDemoSandbox({
      realism: { principalReplicationDelayMs: 300, ficPropagationDelayMs: 300 },
    });
    const config = demoPluginConfig(demo);
    const knex = await databases.init('SQLITE_3');
    ({ server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          preflight: createLivePreflightReader({
            config,
            clientOptions: demo.clientOptions,
          }),
          provisioning: createProvisioningClients({
            config,
            clientOptions: demo.clientOptions,
          }),
          provisioningTimings: { initialDelayMs: 50, maxDelayMs: 200 },
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { azureWorkloadIdentity: { azure: config.azure } },
        }),
      ],
    }));
    storage = demo.sandbox
      .demo!.world.components.find(c => c.component.name === 'orders-api')!
      .targets.find(t => t.id.includes('/storageAccounts/'))!.id;
  });
  afterAll(() => demo?.stop());

  const spec = (overrides: object = {}) => ({
    entityRef: 'component:default/orders-api',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-reporter',
    environment: 'staging',
    identity: { name: 'id-orders-reporter' },
    resources: [
      {
        resourceId: `${storage}/blobServices/default/containers/orders`,
        intent: 'read',
      },
    ],
    ...overrides,
  });

  async function requestUntilSettled(body: object) {
    const created = await request(server)
      .post(`${API}/requests`)
      .set('Authorization', mockCredentials.user.header(OLIVIA))
      .send(body);
    expect(created.status).toBe(201);
    const id = created.body.request.id as string;
    for (let i = 0; i < 400; i++) {
      const current = await request(server)
        .get(`${API}/requests/${id}`)
        .set('Authorization', mockCredentials.user.header(OLIVIA));
      const status = current.body.request.status;
      if (status === 'active' || status === 'failed') {
        if (status === 'failed') {
          // The failure's own words make a failing assertion readable.
          console.warn(JSON.stringify(current.body.request.events.at(-1)));
        }
        return current.body.request;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`request ${id} did not settle`);
  }

  const twinCounts = () => {
    const { state } = demo.sandbox.azure.twin;
    const identity = state
      .listIdentities({
        subscriptionId: '00000000-0000-0000-0000-000000000001',
      })
      .find(i => i.name === 'id-orders-reporter');
    return {
      identities: state
        .listIdentities({
          subscriptionId: '00000000-0000-0000-0000-000000000001',
        })
        .filter(i => i.name === 'id-orders-reporter').length,
      federatedCredentials: identity
        ? state.listFederatedCredentials(identity).length
        : 0,
      assignments: identity
        ? state
            .listRoleAssignments()
            .filter(a => a.principalId === identity.principalId).length
        : 0,
    };
  };

  it('ends active, and the workload reads what it asked for and nothing more', async () => {
    const done = await requestUntilSettled(spec());
    expect(done.status).toBe('active');
    const types = done.events.map((e: { type: string }) => e.type);
    expect(types).toContain('step-retrying'); // the twin's replication delay was waited out
    expect(twinCounts()).toEqual({
      identities: 1,
      federatedCredentials: 1,
      assignments: 1,
    });

    const cluster = demo.sandbox.demo!.kubernetes.cluster('aks-prod');
    cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-reporter', namespace: 'orders' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'orders-reporter' } },
        template: {
          metadata: {
            labels: {
              app: 'orders-reporter',
              'azure.workload.identity/use': 'true',
            },
          },
          spec: {
            serviceAccountName: 'orders-reporter',
            containers: [{ name: 'app', image: 'example/reporter:1.0.0' }],
          },
        },
      },
    });
    const [pod] = podsOf(demo.sandbox.demo!.kubernetes, {
      cluster: 'aks-prod',
      namespace: 'orders',
      deployment: 'orders-reporter',
    });
    const workload = await runWorkload({
      twin: demo.sandbox.demo!.kubernetes,
      cluster: 'aks-prod',
      namespace: 'orders',
      pod: pod.metadata.name,
    });
    const { token } = await new WorkloadIdentityCredential(
      workload.credentialOptions(),
    ).getToken('https://storage.azure.com/.default');

    demo.sandbox.azure.twin.state.putBlob(
      `${storage}/blobServices/default/containers/orders`,
      'report.csv',
      {
        contentBase64: Buffer.from('id,total\n1,42\n').toString('base64'),
        contentType: 'text/csv',
        lastModified: Date.now(),
        etag: '"1"',
      },
    );
    const account = storage.split('/').pop();
    const read = await dataPlane(
      'GET',
      `/blob/${account}/orders/report.csv`,
      token,
    );
    expect(read.status).toBe(200);
    expect(read.body).toBe('id,total\n1,42\n');
    const write = await dataPlane(
      'PUT',
      `/blob/${account}/orders/forged.csv`,
      token,
      'x',
    );
    expect(write.status).toBe(403);
  });

  it('creates nothing when the same request is made again', async () => {
    const before = twinCounts();
    const done = await requestUntilSettled(spec());
    expect(done.status).toBe('active');
    expect(twinCounts()).toEqual(before);
    const identityStep = done.plan.steps.find(
      (s: { kind: string }) => s.kind === 'ensure-identity',
    );
    expect(identityStep.action).toBe('adopt');
  });

  it('adds one federated credential and nothing else for the same identity in another namespace', async () => {
    const before = twinCounts();
    const done = await requestUntilSettled(
      spec({ namespace: 'payments', serviceAccountName: 'orders-reporter' }),
    );
    expect(done.status).toBe('active');
    expect(twinCounts()).toEqual({
      ...before,
      federatedCredentials: before.federatedCredentials + 1,
    });
  });

  function dataPlane(
    method: string,
    path: string,
    token: string,
    body?: string,
  ): Promise<{ status: number; body: string }> {
    const url = new URL(path, demo.sandbox.azure.url);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          ca: demo.sandbox.tls.caCertPem,
          headers: {
            authorization: `Bearer ${token}`,
            'x-ms-version': '2023-11-03',
            'x-ms-blob-type': 'BlockBlob',
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
});
