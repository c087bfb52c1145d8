import { validateAccessRequest } from './accessRequest';

const storage =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

const valid = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: storage, intent: 'read' }],
};

function problemsOf(change: Record<string, unknown>) {
  const result = validateAccessRequest({ ...valid, ...change });
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(change)} to be refused`);
  return result.problems;
}

describe('validateAccessRequest', () => {
  it('accepts a minimal request', () => {
    expect(validateAccessRequest(valid)).toEqual({ ok: true, spec: valid });
  });

  describe('expiresAt', () => {
    afterEach(() => jest.useRealTimers());

    it('refuses a moment already past when it is validated, and takes one still ahead', () => {
      jest.useFakeTimers({ now: Date.parse('2030-06-01T12:00:00Z') });
      expect(problemsOf({ expiresAt: '2030-06-01T11:59:59Z' })).toEqual([
        {
          field: 'expiresAt',
          message: 'the expiry date has passed; pick a date in the future',
        },
      ]);
      // Two hours ahead of UTC, so an hour before the current time.
      expect(problemsOf({ expiresAt: '2030-06-01T13:00:00+02:00' })).toEqual([
        {
          field: 'expiresAt',
          message: 'the expiry date has passed; pick a date in the future',
        },
      ]);
      const ahead = { ...valid, expiresAt: '2030-06-01T12:00:01Z' };
      expect(validateAccessRequest(ahead)).toEqual({ ok: true, spec: ahead });
    });

    it('says only that a value that is no date-time is not one', () => {
      expect(problemsOf({ expiresAt: 'next week' })).toEqual([
        { field: 'expiresAt', message: expect.stringMatching(/ISO 8601/) },
      ]);
    });
  });

  it.each([
    ['entityRef', { entityRef: 'orders-api' }, /component entity ref/],
    [
      'entityRef',
      { entityRef: 'group:default/team-orders' },
      /component entity ref/,
    ],
    ['cluster', { cluster: '' }, /name the AKS cluster/],
    ['cluster', { cluster: 'aks prod; rm -rf /' }, /letters, digits/],
    ['namespace', { namespace: 'Orders' }, /namespace name/],
    ['namespace', { namespace: 'n'.repeat(64) }, /at most 63/],
    ['namespace', { namespace: '../kube-system' }, /namespace name/],
    [
      'serviceAccountName',
      { serviceAccountName: 'orders_api' },
      /Kubernetes name/,
    ],
    ['serviceAccountName', { serviceAccountName: 42 }, /Expected string/],
    ['resources', { resources: [] }, /at least one/],
    ['resources', { resources: 'ordersdata' }, /Expected array/],
    [
      'resources[0].resourceId',
      { resources: [{ resourceId: 'ordersdata', intent: 'read' }] },
      /full Azure resource id/,
    ],
    [
      'resources[0].resourceId',
      {
        resources: [{ resourceId: `${storage}?api-version=1`, intent: 'read' }],
      },
      /full Azure resource id/,
    ],
    [
      'resources[0].intent',
      { resources: [{ resourceId: storage, intent: 'own' }] },
      /read.*write.*manage/,
    ],
    [
      'resources[0]',
      { resources: [{ resourceId: storage }] },
      /name an intent/,
    ],
    [
      'resources[0].permissions[0]',
      { resources: [{ resourceId: storage, permissions: ['BLOB READ'] }] },
      /blob.read/,
    ],
    [
      'resources[0].role',
      { resources: [{ resourceId: storage, role: "Owner'; DROP TABLE" }] },
      /built-in role/,
    ],
    ['justification', { justification: 'x'.repeat(2001) }, /at most 2000/],
    ['justification', { justification: 'ok\u0000' }, /control characters/],
    ['expiresAt', { expiresAt: 'next week' }, /ISO 8601/],
    [
      'expiresAt',
      { expiresAt: '2020-01-31T00:00:00Z' },
      /expiry date has passed; pick a date in the future/,
    ],
    ['environment', { environment: 'prod' }, /production/],
    ['identity.name', { identity: { name: 'a' } }, /3–128/],
    [
      'identity.resourceId',
      { identity: { resourceId: storage } },
      /resource id of a user-assigned/,
    ],
    [
      'identity',
      {
        identity: {
          name: 'id-a',
          resourceId:
            '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders',
        },
      },
      /not both/,
    ],
    ['(request)', { extra: true }, /Unrecognized key/],
  ])('refuses bad %s', (field, change, message) => {
    const problems = problemsOf(change);
    expect(problems).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });
});
