import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { API, startApi, TestApi } from './__testUtils__/startApi';
import {
  baseSpec,
  CONTAINER,
  healthyWorld,
  STORAGE,
  SUBSCRIPTION,
} from './__testUtils__/world';

jest.setTimeout(60_000);

// Bad input must answer 400 naming the field and what to change, and must write nothing.
describe('the HTTP API refuses bad input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: TestApi;

  beforeEach(async () => {
    api = await startApi({ databases, preflight: healthyWorld() });
  });

  const spec = baseSpec();
  const target = spec.resources[0];
  const providers = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers`;
  const without = (key: string) =>
    Object.fromEntries(Object.entries(spec).filter(([k]) => k !== key));

  // Each answers 400 naming the field; the last rows pass the schema and are refused by
  // the role compiler or by pre-flight.
  const badBodies: [string, unknown, string][] = [
    [
      'entity ref without kind',
      { ...spec, entityRef: 'orders-api' },
      'entityRef',
    ],
    [
      'entity ref of a user',
      { ...spec, entityRef: 'user:default/olivia' },
      'entityRef',
    ],
    ['entity ref missing', without('entityRef'), 'entityRef'],
    ['entity ref a number', { ...spec, entityRef: 42 }, 'entityRef'],
    ['empty cluster', { ...spec, cluster: '' }, 'cluster'],
    ['cluster with a space', { ...spec, cluster: 'aks prod' }, 'cluster'],
    [
      'namespace with capitals',
      { ...spec, namespace: 'Orders_Team' },
      'namespace',
    ],
    ['namespace too long', { ...spec, namespace: 'a'.repeat(64) }, 'namespace'],
    [
      'service account with spaces',
      { ...spec, serviceAccountName: 'Orders API' },
      'serviceAccountName',
    ],
    ['no resources', { ...spec, resources: [] }, 'resources'],
    [
      '21 resources',
      { ...spec, resources: Array(21).fill(target) },
      'resources',
    ],
    [
      'resource name, not id',
      { ...spec, resources: [{ resourceId: 'ordersdata', intent: 'read' }] },
      'resources[0].resourceId',
    ],
    [
      'unknown intent',
      { ...spec, resources: [{ ...target, intent: 'own' }] },
      'resources[0].intent',
    ],
    [
      'no intent, permissions or role',
      { ...spec, resources: [{ resourceId: CONTAINER }] },
      'resources[0]',
    ],
    [
      'unknown key in a resource',
      { ...spec, resources: [{ ...target, extra: true }] },
      'resources[0].extra',
    ],
    ['unknown top-level key', { ...spec, priority: 'high' }, 'priority'],
    [
      'malformed permission',
      {
        ...spec,
        resources: [{ resourceId: CONTAINER, permissions: ['Blob Read'] }],
      },
      'resources[0].permissions[0]',
    ],
    [
      'identity named and reused',
      {
        ...spec,
        identity: {
          name: 'id-orders',
          resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`,
        },
      },
      'identity',
    ],
    [
      'identity name too short',
      { ...spec, identity: { name: 'x' } },
      'identity.name',
    ],
    ['unknown environment', { ...spec, environment: 'prod' }, 'environment'],
    [
      'control character in justification',
      { ...spec, justification: 'needs\u0001this' },
      'justification',
    ],
    ['expiry not a date-time', { ...spec, expiresAt: 'tomorrow' }, 'expiresAt'],
    [
      'expiry already past',
      { ...spec, expiresAt: '2020-01-31T00:00:00Z' },
      'expiresAt',
    ],
    ['body is an array', [spec], '(body)'],
    [
      'resource type not in the catalogue',
      {
        ...spec,
        resources: [
          {
            resourceId: `${providers}/Microsoft.Sql/servers/sql-orders`,
            intent: 'read',
          },
        ],
      },
      'resources[0].resourceId',
    ],
    [
      'privileged role not allowed',
      { ...spec, resources: [{ resourceId: STORAGE, role: 'Owner' }] },
      'resources[0].role',
    ],
    [
      'role not in the catalogue',
      { ...spec, resources: [{ resourceId: STORAGE, role: 'Not A Role' }] },
      'resources[0].role',
    ],
    [
      'unknown permission',
      {
        ...spec,
        resources: [{ resourceId: STORAGE, permissions: ['blob.fly'] }],
      },
      'resources[0].permissions',
    ],
    [
      'permission not grantable on the scope',
      {
        ...spec,
        resources: [{ resourceId: CONTAINER, permissions: ['queue.send'] }],
      },
      'resources[0].resourceId',
    ],
    ['unknown cluster', { ...spec, cluster: 'aks-nowhere' }, 'cluster'],
    [
      'namespace not in the cluster',
      { ...spec, namespace: 'payments' },
      'namespace',
    ],
    [
      'resource that does not exist',
      {
        ...spec,
        resources: [
          {
            resourceId: `${providers}/Microsoft.Storage/storageAccounts/ghostdata`,
            intent: 'read',
          },
        ],
      },
      'resources[0].resourceId',
    ],
    [
      'identity to reuse that does not exist',
      {
        ...spec,
        identity: {
          resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ghost`,
        },
      },
      'identity.resourceId',
    ],
  ];

  it.each(badBodies.map(([name, body, field]) => ({ name, body, field })))(
    '400 for $name, naming $field, storing nothing',
    async ({ body, field }) => {
      for (const path of ['/plan', '/requests']) {
        const response = await api.post(path, body);
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('InputError');
        expect(response.body.error.message).toContain(`${field}: `);
        expect(response.body.error.problems).toContainEqual({
          field,
          message: expect.any(String),
        });
      }
      expect(await api.storedRows()).toBe(0);
    },
  );

  it('400 for a body that is not JSON, storing nothing', async () => {
    const response = await request(api.server)
      .post(`${API}/requests`)
      .set('Content-Type', 'application/json')
      .send('{"entityRef": ');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('(body): send a JSON object');
    expect(await api.storedRows()).toBe(0);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['status=done', 'status'],
    ['entityRef=orders-api', 'entityRef'],
    ['requestedBy=group:default/platform', 'requestedBy'],
    ['cursor=not-a-cursor', 'cursor'],
    ['staus=approved', 'staus'],
    ['status=approved&status=active', 'status'],
  ])('400 for GET /requests?%s, naming %s', async (query, field) => {
    const response = await api.get(`/requests?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`${field}: `);
  });

  it('400 for a request id that is not one', async () => {
    const response = await api.get(`/requests/req-1`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('id: use a request id');
  });
});
