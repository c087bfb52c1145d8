import { TEST_ENTITIES, testCatalog } from '../__testUtils__/catalogEntities';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  requestApprovePermission,
  requestCreatePermission,
  requestManagePermission,
  requestReadPermission,
  requestRevokePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import request from 'supertest';
import { baseSpec, healthyWorld, productionSpec } from '../__testUtils__/world';
import { createAzureWorkloadIdentityPlugin } from '../plugin';
import { fakeWorld } from '../provisioning/__testUtils__/provisionerHarness';

jest.setTimeout(120_000);

const API = '/api/azure-workload-identity';
const OLIVIA = 'user:default/olivia-orders';
const PRIYA = 'user:default/priya-payments';
const PAT = 'user:default/pat-platform';

type Who =
  | 'anonymous'
  | 'requester'
  | 'another user'
  | 'platform team'
  | 'service';
const WHO: Who[] = [
  'anonymous',
  'requester',
  'another user',
  'platform team',
  'service',
];

/** The portal's policy, and the framework's rule that services are always allowed. */
const PLATFORM_ONLY = [
  requestApprovePermission.name,
  requestReadPermission.name,
  requestRevokePermission.name,
  requestManagePermission.name,
];

/**
 * Creating is decided on the component, as the portal's policy does with the catalog's
 * isEntityOwner: a user's team must own it (resolved here from the test catalog).
 */
const TEAM_OF: Record<string, string> = {
  [OLIVIA]: 'group:default/team-orders',
  [PRIYA]: 'group:default/team-payments',
};
const OWNER_OF: Record<string, string> = Object.fromEntries(
  TEST_ENTITIES.map(e => [
    `component:default/${e.metadata.name}`,
    e.spec!.owner as string,
  ]),
);

/**
 * Every endpoint for every kind of caller, each on a request in the state the endpoint acts
 * on, made by the requester (Olivia) just before.
 */
let newGrants = 0;

const MATRIX: Array<{
  endpoint: string;
  state: 'none' | 'pending' | 'active';
  call: (
    r: ReturnType<typeof request>,
    target: { id: string; planHash: string },
  ) => request.Test;
  expected: Record<Who, number>;
}> = [
  {
    endpoint: 'GET /health',
    state: 'none',
    call: r => r.get(`${API}/health`),
    expected: cells(200, 200, 200, 200, 200),
  },
  {
    // Not configured in this world: those allowed to ask learn that; others are refused first.
    endpoint: 'GET /self-check',
    state: 'none',
    call: r => r.get(`${API}/self-check`),
    expected: cells(401, 403, 403, 503, 503),
  },
  {
    endpoint: 'POST /plan',
    state: 'none',
    call: r => r.post(`${API}/plan`).send(baseSpec()),
    expected: cells(401, 200, 403, 200, 200),
  },
  {
    endpoint: "POST /plan for another team's component",
    state: 'none',
    call: r =>
      r
        .post(`${API}/plan`)
        .send(baseSpec({ entityRef: 'component:default/payments-worker' })),
    expected: cells(401, 403, 400, 400, 400),
  },
  {
    endpoint: 'POST /plan for a component not in the catalog',
    state: 'none',
    call: r =>
      r
        .post(`${API}/plan`)
        .send(
          baseSpec({ entityRef: 'component:default/ghost-not-in-catalog' }),
        ),
    expected: cells(401, 404, 404, 404, 404),
  },
  {
    endpoint: 'GET /catalog/roles',
    state: 'none',
    call: r => r.get(`${API}/catalog/roles`),
    expected: cells(401, 200, 200, 200, 200),
  },
  {
    endpoint: 'GET /catalog/clusters',
    state: 'none',
    call: r => r.get(`${API}/catalog/clusters`),
    expected: cells(401, 200, 200, 200, 200),
  },
  {
    endpoint: 'POST /requests',
    state: 'none',
    // A grant of its own per call: an identical open request is answered with 200, not 201.
    call: r =>
      r
        .post(`${API}/requests`)
        .send(baseSpec({ serviceAccountName: `orders-new-${++newGrants}` })),
    expected: cells(401, 201, 403, 201, 403),
  },
  {
    endpoint: "POST /requests for another team's component",
    state: 'none',
    call: r =>
      r
        .post(`${API}/requests`)
        .send(baseSpec({ entityRef: 'component:default/payments-worker' })),
    expected: cells(401, 403, 400, 400, 403),
  },
  {
    endpoint: 'GET /requests?requestedBy=<requester>',
    state: 'pending',
    call: r =>
      r.get(`${API}/requests?requestedBy=${encodeURIComponent(OLIVIA)}`),
    expected: cells(401, 200, 403, 200, 200),
  },
  {
    endpoint: 'GET /requests/:id',
    state: 'pending',
    call: (r, t) => r.get(`${API}/requests/${t.id}`),
    expected: cells(401, 200, 403, 200, 200),
  },
  {
    endpoint: 'GET /requests/:id/events',
    state: 'pending',
    call: (r, t) => r.get(`${API}/requests/${t.id}/events`),
    expected: cells(401, 200, 403, 200, 200),
  },
  {
    endpoint: 'POST /requests/:id/approve',
    state: 'pending',
    call: (r, t) =>
      r.post(`${API}/requests/${t.id}/approve`).send({ planHash: t.planHash }),
    expected: cells(401, 403, 403, 200, 403),
  },
  {
    endpoint: 'POST /requests/:id/reject',
    state: 'pending',
    call: (r, t) =>
      r.post(`${API}/requests/${t.id}/reject`).send({ reason: 'not now' }),
    expected: cells(401, 403, 403, 200, 403),
  },
  {
    endpoint: 'POST /requests/:id/cancel',
    state: 'pending',
    call: (r, t) => r.post(`${API}/requests/${t.id}/cancel`).send({}),
    expected: cells(401, 200, 403, 200, 403),
  },
  {
    endpoint: 'POST /requests/:id/revoke',
    state: 'active',
    call: (r, t) => r.post(`${API}/requests/${t.id}/revoke`).send({}),
    expected: cells(401, 200, 403, 200, 403),
  },
];

function cells(
  anonymous: number,
  requester: number,
  another: number,
  platform: number,
  service: number,
): Record<Who, number> {
  return {
    anonymous,
    requester,
    'another user': another,
    'platform team': platform,
    service,
  };
}

function authorize(r: request.Test, who: Who): request.Test {
  const header = {
    anonymous: undefined,
    requester: mockCredentials.user.header(OLIVIA),
    'another user': mockCredentials.user.header(PRIYA),
    'platform team': mockCredentials.user.header(PAT),
    service: mockCredentials.service.header(),
  }[who];
  return header ? r.set('Authorization', header) : r;
}

describe('authorization matrix', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const world = fakeWorld();
    const knex = await databases.init('SQLITE_3');
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, options) => {
        const principal = options.credentials.principal as {
          type?: string;
          userEntityRef?: string;
        };
        return requests.map(r => {
          const user = principal.userEntityRef ?? '';
          const owns =
            r.permission.name === requestCreatePermission.name &&
            'resourceRef' in r &&
            OWNER_OF[r.resourceRef as string] === TEAM_OF[user];
          return {
            result:
              principal.type === 'service' ||
              user === PAT ||
              owns ||
              (!PLATFORM_ONLY.includes(r.permission.name) &&
                r.permission.name !== requestCreatePermission.name)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        });
      },
    });
    ({ server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          preflight: healthyWorld(),
          provisioning: {
            azure: world.azure,
            serviceAccountWriterFor: () => world.serviceAccounts,
            probe: world.probe,
          },
          provisioningTimings: { initialDelayMs: 5, maxDelayMs: 20 },
        }),
        mockServices.database.factory({ knex }),
        testCatalog(),
        permissions.factory,
        // Without this the test backend treats a request without a token as a mock user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  // One request per grant: each row gets a grant of its own (its own service account).
  let grants = 0;
  async function target(state: 'none' | 'pending' | 'active') {
    if (state === 'none') return { id: '', planHash: '' };
    const serviceAccountName = `orders-api-${++grants}`;
    const created = await request(server)
      .post(`${API}/requests`)
      .set('Authorization', mockCredentials.user.header(OLIVIA))
      .send(
        state === 'pending'
          ? productionSpec({ serviceAccountName })
          : baseSpec({ serviceAccountName }),
      );
    const { id, planHash } = created.body.request;
    if (state === 'active') {
      for (let i = 0; i < 200; i++) {
        const current = await request(server)
          .get(`${API}/requests/${id}`)
          .set('Authorization', mockCredentials.user.header(OLIVIA));
        if (current.body.request.status === 'active') break;
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    }
    return { id, planHash };
  }

  const rows = MATRIX.flatMap(row =>
    WHO.map(who => [row.endpoint, who, row.expected[who], row] as const),
  );

  it.each(rows)('%s as %s answers %i', async (_endpoint, who, status, row) => {
    const t = await target(row.state);
    const response = await authorize(row.call(request(server), t), who);
    expect(response.status).toBe(status);
    // Every refusal past sign-in says why in words, never a bare status.
    const explained =
      status < 400 || status === 401 || response.body.error.message.length > 20;
    expect(explained).toBe(true);
  });
});
