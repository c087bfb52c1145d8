import { accessRequestSpecOf } from './templateInput';

const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

const input = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

describe('accessRequestSpecOf', () => {
  it('leaves out what the template left empty, as the backend refuses unknown values', () => {
    expect(accessRequestSpecOf({ ...input, justification: '' })).toEqual(input);
    expect(accessRequestSpecOf({ ...input, environment: 'staging' })).toEqual({
      ...input,
      environment: 'staging',
    });
  });
});

describe('accessRequestSpecOf, for a request narrower than intents', () => {
  it('passes permissions, what must not be allowed, the identity and the expiry through', () => {
    const certificate =
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/certificates/signing';
    expect(
      accessRequestSpecOf({
        ...input,
        resources: [
          {
            resourceId: certificate,
            permissions: ['certificates.read'],
            mustNot: ['secrets.read'],
          },
        ],
        identityName: 'id-invoice-publisher',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ).toEqual({
      ...input,
      resources: [
        {
          resourceId: certificate,
          permissions: ['certificates.read'],
          mustNot: ['secrets.read'],
        },
      ],
      identity: { name: 'id-invoice-publisher' },
      expiresAt: '2027-03-01T00:00:00.000Z',
    });
  });
});

describe('accessRequestSpecOf, for an expiry picked as a day', () => {
  it('expires at the start of that day in UTC, and keeps a full date-time as given', () => {
    expect(accessRequestSpecOf({ ...input, expiresAt: '2027-03-01' })).toEqual({
      ...input,
      expiresAt: '2027-03-01T00:00:00Z',
    });
    expect(
      accessRequestSpecOf({ ...input, expiresAt: '2027-03-01T12:00:00+01:00' })
        .expiresAt,
    ).toBe('2027-03-01T12:00:00+01:00');
  });
});
