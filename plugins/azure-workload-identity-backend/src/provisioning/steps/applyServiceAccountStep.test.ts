import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { parseAllDocuments } from 'yaml';
import {
  ClusterGuardrails,
  GuardrailSyncOutcome,
} from '../../guardrails/ClusterGuardrails';
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

function contextOn(
  world: ReturnType<typeof fakeWorld>,
  extra: Partial<StepContext['ports']> = {},
): StepContext {
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
      ...extra,
    },
    timings: DEFAULT_TIMINGS,
    noteRetry: async () => {},
  };
}

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

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
      labels: {
        [MANAGED_BY_LABEL]: {
          value: 'backstage-azure-workload-identity',
          outcome: 'added',
        },
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
      labels: {
        [MANAGED_BY_LABEL]: {
          value: 'backstage-azure-workload-identity',
          outcome: 'added',
        },
      },
    });
  });

  it('leaves a label the account already has at another value, and records it as kept', async () => {
    const world = fakeWorld();
    // Helm refuses to upgrade a release whose objects name another manager.
    world.serviceAccounts.accounts.set(KEY, {
      annotations: {},
      labels: { [MANAGED_BY_LABEL]: 'Helm' },
    });
    const recorded = await applyServiceAccountStep(step, contextOn(world));
    expect(recorded.labels).toEqual({
      [MANAGED_BY_LABEL]: {
        value: 'backstage-azure-workload-identity',
        outcome: 'kept',
      },
    });
    expect(world.serviceAccounts.accounts.get(KEY)!.labels).toEqual({
      [MANAGED_BY_LABEL]: 'Helm',
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

describe('applyServiceAccountStep keeps the guardrails in step', () => {
  /** Guardrails that note what the service account looked like when they were synced. */
  function guardrailsOn(
    world: ReturnType<typeof fakeWorld>,
    outcome: GuardrailSyncOutcome,
  ) {
    const seen: Array<{ cluster: string; account: unknown }> = [];
    const guardrails: ClusterGuardrails = {
      syncCluster: async cluster => {
        seen.push({
          cluster,
          account: world.serviceAccounts.accounts.get(KEY),
        });
        return outcome;
      },
    };
    return { guardrails, seen };
  }

  it('syncs the cluster before the annotation is written, so the portal is admitted, and records it', async () => {
    const world = fakeWorld();
    const { guardrails, seen } = guardrailsOn(world, {
      kind: 'written',
      mode: 'deny',
      grants: 3,
    });
    const recorded = await applyServiceAccountStep(
      step,
      contextOn(world, { guardrails }),
    );
    expect(seen).toEqual([{ cluster: 'aks-prod', account: undefined }]);
    expect(
      world.serviceAccounts.accounts.get(KEY)?.annotations[CLIENT_ID],
    ).toBe('cid');
    expect(recorded.guardrails).toEqual({ mode: 'deny', grants: 3 });
  });

  it('fails the step without writing the service account when the sync fails', async () => {
    const world = fakeWorld();
    const guardrails: ClusterGuardrails = {
      syncCluster: async () => {
        throw new Error('cannot write ConfigMap: HTTP 403');
      },
    };
    await expect(
      applyServiceAccountStep(step, contextOn(world, { guardrails })),
    ).rejects.toThrow('cannot write ConfigMap: HTTP 403');
    expect(world.serviceAccounts.accounts.get(KEY)).toBeUndefined();
  });

  it('hands a GitOps cluster the updated guardrail manifests beside the service account', async () => {
    const world = fakeWorld();
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: azure-workload-identity-grants\ndata:\n  orders.cid: r1\n';
    const { guardrails } = guardrailsOn(world, {
      kind: 'manifests',
      mode: 'audit',
      grants: 1,
      yaml,
    });
    const recorded = await applyServiceAccountStep(
      step,
      contextOn(world, {
        guardrails,
        serviceAccountWriterFor: () => undefined,
      }),
    );
    expect(recorded.mode).toBe('manifest');
    expect(recorded.guardrailManifests).toBe(yaml);
    expect(
      parseAllDocuments(recorded.manifest as string).map(d => d.toJS().kind),
    ).toEqual(['ServiceAccount']);
    expect(world.serviceAccounts.accounts.size).toBe(0);
  });

  it('records nothing of guardrails that are off', async () => {
    const world = fakeWorld();
    const { guardrails } = guardrailsOn(world, { kind: 'off' });
    const recorded = await applyServiceAccountStep(
      step,
      contextOn(world, { guardrails }),
    );
    expect(recorded).not.toHaveProperty('guardrails');
  });
});
