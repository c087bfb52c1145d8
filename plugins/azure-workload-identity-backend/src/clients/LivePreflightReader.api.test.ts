import { testCatalog } from '../__testUtils__/catalogEntities';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { createAzureWorkloadIdentityPlugin } from '../plugin';
import { createLivePreflightReader } from './createLivePreflightReader';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from './__testUtils__/startDemoSandbox';

jest.setTimeout(60_000);

describe('planning through the API on live pre-flight against the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  it("plans orders-api on aks-prod with the issuer the cluster's twin serves", async () => {
    const config = demoPluginConfig(demo);
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          preflight: createLivePreflightReader({
            config,
            clientOptions: demo.clientOptions,
          }),
        }),
        mockServices.database.factory({ knex }),
        testCatalog(),
        mockServices.rootConfig.factory({
          data: { azureWorkloadIdentity: { azure: config.azure } },
        }),
      ],
    });
    const orders = demo.sandbox.demo!.world.components.find(
      c => c.component.name === 'orders-api',
    )!;
    const issuer = demo.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!.issuerUrl;

    const response = await request(server)
      .post('/api/azure-workload-identity/plan')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/olivia-orders'),
      )
      .send({
        entityRef: 'component:default/orders-api',
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName: 'orders-api',
        environment: 'production',
        resources: orders.targets.map(t => ({
          resourceId: t.id,
          intent: t.intent,
        })),
      });

    expect(response.status).toBe(200);
    const steps: Array<{ kind: string; issuer?: string }> =
      response.body.plan.steps;
    expect(steps.find(s => s.kind === 'ensure-federated-credential')).toEqual(
      expect.objectContaining({
        issuer,
        subject: 'system:serviceaccount:orders:orders-api',
      }),
    );
  });
});
