import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { baselineSnapshot } from '../inspection/__testUtils__/baselineWorld';
import { createAzureWorkloadIdentityPlugin } from '../plugin';

const API = '/api/azure-workload-identity';

const ordersApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
  },
  spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
};

// Entities of other kinds, in the catalog and visible: still no chain to read.
const notComponents = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'olivia-orders', namespace: 'default' },
    spec: {},
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-orders', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'kv-payments', namespace: 'default' },
    spec: { type: 'key-vault', owner: 'team-payments' },
  },
];

/** Every mix of upper and lower case of the parts of `component:default/orders-api`. */
function spellingsOfOrdersApi(): string[] {
  const cases = (word: string) => [
    word,
    word.toUpperCase(),
    word[0].toUpperCase() + word.slice(1),
  ];
  return cases('component').flatMap(kind =>
    cases('default').flatMap(namespace =>
      cases('orders-api').map(name => `${kind}/${namespace}/${name}`),
    ),
  );
}

describe('GET /chain', () => {
  async function start(options: {
    withInspector: boolean;
    refreshThrottleSeconds?: number;
  }) {
    const inspected: string[] = [];
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin(
          options.withInspector
            ? {
                inspector: {
                  inspect: async entity => {
                    inspected.push(
                      `${entity.entityRef} ${entity.annotations['backstage.io/kubernetes-id']}`,
                    );
                    return baselineSnapshot();
                  },
                },
              }
            : {},
        ),
        catalogServiceMock.factory({
          entities: [ordersApi, ...notComponents],
        }),
        mockServices.rootConfig.factory({
          data:
            options.refreshThrottleSeconds === undefined
              ? {}
              : {
                  azureWorkloadIdentity: {
                    inspection: {
                      refreshThrottleSeconds: options.refreshThrottleSeconds,
                    },
                  },
                },
        }),
      ],
    });
    const get = (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());
    return { get, inspected };
  }

  it("answers the component's chain, read with its catalog annotations", async () => {
    const { get, inspected } = await start({ withInspector: true });
    const response = await get('/chain/Component/default/orders-api');
    expect(response.status).toBe(200);
    expect(inspected).toEqual(['component:default/orders-api orders-api']);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/orders-api',
      fromCache: false,
      findings: [],
      links: { cluster: 'ok', federation: 'ok', token: 'ok' },
    });
    expect(response.body.bindings[0].identity.name).toBe('wi-orders');

    const again = await get('/chain/component/default/orders-api');
    expect(again.body.fromCache).toBe(true);
    expect(inspected).toHaveLength(1);
  });

  it('reads a component once however its ref is spelled, and answers with the catalog spelling', async () => {
    const { get, inspected } = await start({
      withInspector: true,
      // Long enough that the whole test runs inside one throttle window.
      refreshThrottleSeconds: 3600,
    });
    const spellings = spellingsOfOrdersApi();
    expect(new Set(spellings).size).toBe(27);
    const answers = [];
    for (const spelling of spellings) {
      answers.push(await get(`/chain/${spelling}`));
    }
    // A refresh is throttled per component, not per spelling.
    for (const spelling of spellings) {
      answers.push(await get(`/chain/${spelling}?refresh=true`));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.entityRef).toBe('component:default/orders-api');
    }
    expect(answers.filter(a => !a.body.fromCache)).toHaveLength(1);
    expect(inspected).toEqual(['component:default/orders-api orders-api']);
  });

  it.each([
    ['user/default/olivia-orders', 'user:default/olivia-orders'],
    ['Group/default/team-orders', 'group:default/team-orders'],
    ['resource/default/kv-payments', 'resource:default/kv-payments'],
    ['user/default/nobody', 'user:default/nobody'],
  ])(
    'answers 404 for /chain/%s, which is no component, without inspecting',
    async (path, ref) => {
      const { get, inspected } = await start({ withInspector: true });
      const response = await get(`/chain/${path}`);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        `${ref} has no identity chain: the chain is only shown for components, e.g. component:default/orders-api`,
      );
      expect(inspected).toEqual([]);
    },
  );

  it('answers 404 for an entity the caller cannot see, 400 for bad input', async () => {
    const { get } = await start({ withInspector: true });
    const missing = await get('/chain/component/default/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'component:default/nothing-here is not in the catalog, or you may not see it',
    );
    const badQuery = await get(
      '/chain/component/default/orders-api?refresh=yes',
    );
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/refresh: use refresh=true/);
    const unknownQuery = await get('/chain/component/default/orders-api?foo=1');
    expect(unknownQuery.status).toBe(400);
  });

  it('answers 503 saying what to configure when nothing can be inspected', async () => {
    const { get } = await start({ withInspector: false });
    const response = await get('/chain/component/default/orders-api');
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(
      /live inspection is not configured/,
    );
  });
});
