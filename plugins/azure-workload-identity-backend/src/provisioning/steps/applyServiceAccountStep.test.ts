import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { EnsureServiceAccountStep } from '../../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../../requests/types';
import { fakeWorld } from '../__testUtils__/provisionerHarness';
import { applyServiceAccountStep } from './applyServiceAccountStep';
import { DEFAULT_TIMINGS, StepContext } from './StepContext';

const CLIENT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.clientId;
const TENANT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.tenantId;
const KEY = 'aks-prod/orders/orders-api';

const step: EnsureServiceAccountStep = {
  id: 'service-account',
  kind: 'ensure-service-account',
  cluster: 'aks-prod',
  namespace: 'orders',
  name: 'orders-api',
  annotations: {
    [CLIENT_ID]: { fromStep: 'identity', output: 'clientId' },
    [TENANT_ID]: { fromStep: 'identity', output: 'tenantId' },
  },
  labels: {
    'app.kubernetes.io/managed-by': 'backstage-azure-workload-identity',
  },
  why: 'points pods at the identity',
};

function contextOn(world: ReturnType<typeof fakeWorld>): StepContext {
  return {
    request: { id: 'r1' } as AccessRequestRecord,
    outputs: new Map<string, JsonObject>([
      [
        'identity',
        {
          resourceId: '/id',
          clientId: 'cid',
          principalId: 'pid',
          tenantId: 'tid',
        },
      ],
    ]),
    lockOwner: 'test',
    ports: {
      azure: world.azure,
      serviceAccountWriterFor: () => world.serviceAccounts,
      probe: world.probe,
      locks: { withLock: (_options, work) => work() },
      clock: world.clock,
    },
    timings: DEFAULT_TIMINGS,
    noteRetry: async () => {},
  };
}

describe('applyServiceAccountStep records what it found and what it set', () => {
  it('records every annotation as added on an account it created', async () => {
    const world = fakeWorld();
    expect(await applyServiceAccountStep(step, contextOn(world))).toEqual({
      mode: 'applied',
      outcome: 'created',
      annotations: {
        [CLIENT_ID]: { value: 'cid', outcome: 'added' },
        [TENANT_ID]: { value: 'tid', outcome: 'added' },
      },
    });
  });

  it('tells an annotation it found from one it added and one it replaced', async () => {
    const world = fakeWorld();
    world.serviceAccounts.accounts.set(KEY, {
      annotations: { [CLIENT_ID]: 'cid', [TENANT_ID]: 'old-tenant' },
      labels: {},
    });
    expect(await applyServiceAccountStep(step, contextOn(world))).toEqual({
      mode: 'applied',
      outcome: 'updated',
      annotations: {
        [CLIENT_ID]: { value: 'cid', outcome: 'unchanged' },
        [TENANT_ID]: { value: 'tid', outcome: 'replaced' },
      },
    });
  });

  it('records everything as found on an account that already had it all', async () => {
    const world = fakeWorld();
    world.serviceAccounts.accounts.set(KEY, {
      annotations: { [CLIENT_ID]: 'cid', [TENANT_ID]: 'tid' },
      labels: { ...step.labels },
    });
    const recorded = await applyServiceAccountStep(step, contextOn(world));
    expect(recorded.outcome).toBe('unchanged');
    expect(recorded.annotations).toEqual({
      [CLIENT_ID]: { value: 'cid', outcome: 'unchanged' },
      [TENANT_ID]: { value: 'tid', outcome: 'unchanged' },
    });
  });
});
