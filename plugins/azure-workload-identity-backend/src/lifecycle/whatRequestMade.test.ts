import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { ENTITY_REF_ANNOTATION } from '../planning/buildSteps';
import { EnsureServiceAccountStep } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import { combineRemovals, recordedRemovalOf } from './whatRequestMade';

const CLIENT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.clientId;
const TENANT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.tenantId;
const ENTITY = 'component:default/orders-api';

const step: EnsureServiceAccountStep = {
  id: 'service-account',
  kind: 'ensure-service-account',
  cluster: 'aks-prod',
  namespace: 'orders',
  name: 'orders-api',
  annotations: {
    [CLIENT_ID]: { fromStep: 'identity', output: 'clientId' },
    [TENANT_ID]: { fromStep: 'identity', output: 'tenantId' },
    [ENTITY_REF_ANNOTATION]: ENTITY,
  },
  labels: {
    'app.kubernetes.io/managed-by': 'backstage-azure-workload-identity',
  },
  why: 'points pods at the identity',
};

const request = { entityRef: ENTITY } as AccessRequestRecord;
const identity = { resourceId: '/id', clientId: 'cid', tenantId: 'tid' };

function removal(serviceAccount: JsonObject) {
  return recordedRemovalOf(
    step,
    new Map<string, JsonObject>([
      ['identity', identity],
      ['service-account', serviceAccount],
    ]),
    request,
  );
}

describe('what a request made of a service account', () => {
  it('is each annotation it added or replaced, not one it found', () => {
    expect(
      removal({
        mode: 'applied',
        outcome: 'updated',
        annotations: {
          [CLIENT_ID]: { value: 'cid', outcome: 'unchanged' },
          [TENANT_ID]: { value: 'tid', outcome: 'added' },
          [ENTITY_REF_ANNOTATION]: { value: ENTITY, outcome: 'replaced' },
        },
      }),
    ).toEqual({
      kind: 'service-account',
      cluster: 'aks-prod',
      namespace: 'orders',
      name: 'orders-api',
      annotations: { [TENANT_ID]: 'tid', [ENTITY_REF_ANNOTATION]: ENTITY },
      found: [CLIENT_ID],
      labels: {},
      created: false,
      clientId: 'cid',
    });
  });

  it('is nothing when the step found every annotation already there', () => {
    expect(
      removal({
        mode: 'applied',
        outcome: 'unchanged',
        annotations: {
          [CLIENT_ID]: { value: 'cid', outcome: 'unchanged' },
          [TENANT_ID]: { value: 'tid', outcome: 'unchanged' },
        },
      }),
    ).toBeUndefined();
  });

  it('includes the account and its labels when the request created it', () => {
    expect(
      removal({
        mode: 'applied',
        outcome: 'created',
        annotations: { [CLIENT_ID]: { value: 'cid', outcome: 'added' } },
      }),
    ).toMatchObject({
      created: true,
      annotations: { [CLIENT_ID]: 'cid' },
      labels: step.labels,
    });
  });

  it('is nothing for a manifest handed to GitOps', () => {
    expect(removal({ mode: 'manifest', manifest: '...' })).toBeUndefined();
  });

  describe('recorded before outcomes were kept per annotation', () => {
    it('removes the pointer and the marker after an update, never the tenant id', () => {
      expect(removal({ mode: 'applied', outcome: 'updated' })).toMatchObject({
        annotations: { [CLIENT_ID]: 'cid', [ENTITY_REF_ANNOTATION]: ENTITY },
        found: [],
        created: false,
      });
    });

    it('removes nothing it found unchanged', () => {
      expect(
        removal({ mode: 'applied', outcome: 'unchanged' }),
      ).toBeUndefined();
    });

    it('knows a created account carried only its annotations', () => {
      expect(removal({ mode: 'applied', outcome: 'created' })).toMatchObject({
        annotations: {
          [CLIENT_ID]: 'cid',
          [TENANT_ID]: 'tid',
          [ENTITY_REF_ANNOTATION]: ENTITY,
        },
        created: true,
      });
    });
  });

  it('joins what it set with what an earlier request handed over', () => {
    const own = removal({
      mode: 'applied',
      outcome: 'updated',
      annotations: {
        [CLIENT_ID]: { value: 'cid', outcome: 'unchanged' },
        [ENTITY_REF_ANNOTATION]: { value: ENTITY, outcome: 'added' },
      },
    });
    const handed = removal({
      mode: 'applied',
      outcome: 'created',
      annotations: { [CLIENT_ID]: { value: 'cid', outcome: 'added' } },
    });
    expect(combineRemovals(own, handed)).toMatchObject({
      annotations: { [CLIENT_ID]: 'cid', [ENTITY_REF_ANNOTATION]: ENTITY },
      found: [],
      created: true,
    });
  });

  it('leaves role assignments and credentials it adopted to their makers', () => {
    const outputs = new Map<string, JsonObject>([
      ['identity', identity],
      ['role-assignment-1', { adopted: true, assignmentId: '/ra/1' }],
      ['federated-credential', { written: false }],
    ]);
    expect(
      recordedRemovalOf(
        {
          id: 'role-assignment-1',
          kind: 'ensure-role-assignment',
          action: 'adopt',
          roleName: 'Storage Blob Data Reader',
          roleId: 'r',
          scope: '/s',
          privileged: false,
          why: '',
        },
        outputs,
        request,
      ),
    ).toBeUndefined();
    expect(
      recordedRemovalOf(
        {
          id: 'federated-credential',
          kind: 'ensure-federated-credential',
          action: 'adopt',
          identityResourceId: '/id',
          name: 'made-by-hand',
          issuer: 'https://issuer',
          subject: 'system:serviceaccount:orders:orders-api',
          audience: 'api://AzureADTokenExchange',
          why: '',
        },
        outputs,
        request,
      ),
    ).toBeUndefined();
  });
});
