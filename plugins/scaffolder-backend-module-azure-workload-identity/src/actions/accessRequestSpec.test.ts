import { STORAGE } from '../__testUtils__/requests';
import {
  accessRequestSpecOf,
  createRequestCheckpointKey,
} from './accessRequestSpec';

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

describe('createRequestCheckpointKey', () => {
  it('is the same for the same request whatever the order of its keys', () => {
    const reordered = {
      resources: [{ intent: 'read' as const, resourceId: STORAGE }],
      serviceAccountName: 'orders-api',
      namespace: 'orders',
      cluster: 'aks-prod',
      entityRef: 'component:default/orders-api',
    };
    expect(createRequestCheckpointKey(reordered)).toBe(
      createRequestCheckpointKey(input),
    );
    expect(createRequestCheckpointKey(input)).toMatch(
      /^create-request-[0-9a-f]{16}$/,
    );
  });

  it('differs for another request, so each iteration of a step gets its own', () => {
    expect(
      createRequestCheckpointKey({ ...input, namespace: 'billing' }),
    ).not.toBe(createRequestCheckpointKey(input));
  });
});
