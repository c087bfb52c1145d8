import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  azureWorkloadIdentityApprovalPolicyExtensionPoint,
  azureWorkloadIdentityClusterCredentialsExtensionPoint,
  azureWorkloadIdentityHealthRulesExtensionPoint,
  azureWorkloadIdentityResourceTypesExtensionPoint,
  BindingRule,
  findingOf,
} from '@backstage-community/plugin-azure-workload-identity-node';
import request from 'supertest';
import { testCatalog } from '../__testUtils__/catalogEntities';
import { baseSpec, healthyWorld, SUBSCRIPTION } from '../__testUtils__/world';
import { baselineSnapshot } from '../inspection/__testUtils__/baselineWorld';
import { createAzureWorkloadIdentityPlugin } from '../plugin';

jest.setTimeout(60_000);

const API = '/api/azure-workload-identity';
const STORE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.AppConfiguration/configurationStores/appcs-orders`;

const configurationStores: ResourceTypeSpec = {
  type: 'Microsoft.AppConfiguration/configurationStores',
  displayName: 'App Configuration store',
  subScopes: [],
  permissions: {
    'config.read': {
      description: 'read key-values',
      operations: [
        {
          dataAction:
            'Microsoft.AppConfiguration/configurationStores/keyValues/read',
        },
      ],
      scopeKinds: ['resource'],
    },
  },
  intents: {
    read: ['config.read'],
    write: ['config.read'],
    manage: ['config.read'],
  },
};

const identitySeen: BindingRule = {
  id: 'identity-seen-by-module',
  link: 'identity',
  scope: 'binding',
  reads: ['A2'],
  masks: [],
  evaluate: ({ unit }) => [
    findingOf(identitySeen, {
      severity: 'info',
      state: 'pending',
      message: `The module saw ${unit.identity?.name}.`,
      evidence: { expected: 'nothing', actual: unit.identity?.name ?? '' },
      fix: { kind: 'none', text: 'Nothing to do.', owner: 'component' },
    }),
  ],
};

const adopterModule = createBackendModule({
  pluginId: 'azure-workload-identity',
  moduleId: 'test-adopter',
  register(env) {
    env.registerInit({
      deps: {
        types: azureWorkloadIdentityResourceTypesExtensionPoint,
        rules: azureWorkloadIdentityHealthRulesExtensionPoint,
        policies: azureWorkloadIdentityApprovalPolicyExtensionPoint,
        credentials: azureWorkloadIdentityClusterCredentialsExtensionPoint,
      },
      async init({ types, rules, policies, credentials }) {
        types.addResourceTypes(configurationStores);
        rules.addHealthRules(identitySeen);
        policies.addApprovalPolicy({
          id: 'config-stores',
          decide: async ({ steps }) => ({
            approvalReasons: steps.some(
              s =>
                s.kind === 'ensure-role-assignment' &&
                s.scope.includes('configurationStores'),
            )
              ? [{ code: 'config-store', message: 'A configuration store.' }]
              : [],
          }),
        });
        credentials.addClusterCredentialProvider('vault', {
          credentialFor: () => ({ bearerToken: async () => 'from-vault' }),
        });
      },
    });
  },
});

// A cluster whose token comes from the module's provider: without it the start fails.
const vaultCluster = {
  azureWorkloadIdentity: {
    clusters: [
      {
        name: 'aks-vault',
        subscriptionId: SUBSCRIPTION,
        resourceGroup: 'rg-aks',
        kubernetes: { url: 'https://aks-vault.example', authProvider: 'vault' },
      },
    ],
  },
};

describe("an adopter's module, through the extension points", () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(
    features: Parameters<typeof startTestBackend>[0]['features'] = [],
  ) {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          preflight: healthyWorld().addResources(STORE),
          inspector: { inspect: async () => baselineSnapshot() },
        }),
        mockServices.database.factory({ knex }),
        testCatalog(),
        ...features,
      ],
    });
    const as = mockCredentials.user.header('user:default/olivia-orders');
    return {
      get: (path: string) =>
        request(server).get(`${API}${path}`).set('Authorization', as),
      post: (path: string, body: object) =>
        request(server)
          .post(`${API}${path}`)
          .set('Authorization', as)
          .send(body),
    };
  }

  it('offers the added resource type beside the built-in ones', async () => {
    const api = await start([adopterModule]);
    const { body } = await api.get('/catalog/roles');
    const types = body.resourceTypes.map((t: { type: string }) => t.type);
    expect(types).toContain('Microsoft.Storage/storageAccounts');
    expect(
      body.resourceTypes.find(
        (t: { type: string }) => t.type === configurationStores.type,
      ),
    ).toEqual({
      type: 'Microsoft.AppConfiguration/configurationStores',
      displayName: 'App Configuration store',
      scopeKinds: ['resource'],
      intents: ['read', 'write', 'manage'],
      permissions: [
        {
          name: 'config.read',
          description: 'read key-values',
          scopeKinds: ['resource'],
        },
      ],
    });
  });

  it("compiles the added type into the plan's role, with the module's approval reason after the built-in ones", async () => {
    const api = await start([adopterModule]);
    const response = await api.post(
      '/plan',
      baseSpec({ resources: [{ resourceId: STORE, intent: 'read' }] }),
    );
    expect(response.status).toBe(200);
    const { plan } = response.body;
    expect(
      plan.steps.filter(
        (s: { kind: string }) => s.kind === 'ensure-role-assignment',
      ),
    ).toEqual([
      expect.objectContaining({
        roleName: 'App Configuration Data Reader',
        roleId: '516239f1-63e1-4d78-a4de-a74fb236a071',
        scope: STORE,
      }),
    ]);
    expect(plan.requiresApproval).toBe(true);
    expect(plan.approvalReasons).toEqual([
      { code: 'config-store', message: 'A configuration store.' },
    ]);
  });

  it('refuses the type without the module, naming the field', async () => {
    const api = await start();
    const response = await api.post(
      '/plan',
      baseSpec({ resources: [{ resourceId: STORE, intent: 'read' }] }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(
      'configurationStores are not in the role catalogue',
    );
  });

  it("shows the module's rule's finding on the chain", async () => {
    const api = await start([adopterModule]);
    const response = await api.get('/chain/component/default/orders-api');
    expect(response.status).toBe(200);
    expect(response.body.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'identity-seen-by-module',
        link: 'identity',
        message: 'The module saw wi-orders.',
      }),
    );
  });

  it("signs in to a cluster with the module's credential provider, and fails the start without it", async () => {
    await expect(
      start([mockServices.rootConfig.factory({ data: vaultCluster })]),
    ).rejects.toThrow(
      /clusters\[0\]\.kubernetes\.authProvider 'vault' is not one the workload identity plugin can use/,
    );
    await expect(
      start([
        adopterModule,
        mockServices.rootConfig.factory({ data: vaultCluster }),
      ]),
    ).resolves.toBeDefined();
  });
});
