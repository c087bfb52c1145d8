import { plannerFor } from '../../__testUtils__/planner';
import { mockServices } from '@backstage/backend-test-utils';
import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { Knex } from 'knex';
import { baseSpec, healthyWorld } from '../../__testUtils__/world';
import { KnexApplyStore } from '../../database/KnexApplyStore';
import { KnexIdentityLocks } from '../../database/KnexIdentityLocks';
import { KnexRequestStore } from '../../database/KnexRequestStore';
import { PreflightReader } from '../../clients/PreflightReader';
import { ClusterGuardrails } from '../../guardrails/ClusterGuardrails';
import { DriftCheck } from '../checkDrift';
import { systemClock } from '../retry';
import { Provisioner, ProvisionerFaultHooks } from '../Provisioner';
import { ProvisioningPorts } from '../steps/StepContext';
import { FakeAzureWriter } from './FakeAzureWriter';
import { FakeServiceAccountWriter } from './FakeServiceAccountWriter';
import { FakeTokenExchangeProbe } from './FakeTokenExchangeProbe';
import { VirtualClock } from './VirtualClock';

/** The outside world of a provisioner, shared by every replica a test starts. */
export function fakeWorld() {
  const azure = new FakeAzureWriter();
  const serviceAccounts = new FakeServiceAccountWriter();
  const probe = new FakeTokenExchangeProbe(azure, serviceAccounts);
  return { azure, serviceAccounts, probe, clock: new VirtualClock() };
}

export type FakeWorld = ReturnType<typeof fakeWorld>;

/** One replica on `knex`: its own store objects and owner name, the shared fake world. */
export function replica(options: {
  knex: Knex;
  world: FakeWorld;
  owner: string;
  manifestClusters?: string[];
  faultHooks?: ProvisionerFaultHooks;
  leaseMs?: number;
  sequentialSteps?: boolean;
  /** Live state at apply time, for the drift check; none skips it. */
  replanWith?: PreflightReader;
  /** A drift check shared with others, e.g. an approval's; instead of `replanWith`. */
  driftCheck?: DriftCheck;
  guardrails?: ClusterGuardrails;
}) {
  const { knex, world } = options;
  const ports: ProvisioningPorts = {
    azure: world.azure,
    serviceAccountWriterFor: cluster =>
      options.manifestClusters?.includes(cluster)
        ? undefined
        : world.serviceAccounts,
    probe: world.probe,
    // Locks wait in real time: the fake's credential writes take real milliseconds.
    locks: new KnexIdentityLocks({ knex }),
    clock: world.clock,
    guardrails: options.guardrails,
  };
  return new Provisioner({
    store: new KnexApplyStore({ knex, now: world.clock.now }),
    ports,
    logger: mockServices.logger.mock(),
    owner: options.owner,
    leaseMs: options.leaseMs ?? 30_000,
    faultHooks: options.faultHooks,
    sequentialSteps: options.sequentialSteps,
    driftCheck: options.driftCheck,
    replan: options.replanWith
      ? spec => plannerFor(options.replanWith!).plan(spec)
      : undefined,
    timings: { initialDelayMs: 100, maxDelayMs: 1_000 },
  });
}

/**
 * Plans `spec` against `preflight` and stores it as an approved request. A person approved it,
 * so what the policy would send to approval (another component's identity, say) is planned
 * rather than refused.
 */
export async function approvedRequest(
  knex: Knex,
  spec: AccessRequestSpec = baseSpec(),
  preflight: PreflightReader = healthyWorld(),
): Promise<string> {
  const outcome = await plannerFor(preflight, {
    otherOwners: { namespace: 'approval', identity: 'approval' },
  }).plan(spec);
  if (!outcome.ok) {
    throw new Error(`plan refused: ${JSON.stringify(outcome.refusals)}`);
  }
  const record = await new KnexRequestStore({ knex }).createRequest({
    spec,
    requestedBy: 'user:default/olivia-orders',
    status: 'approved',
    plan: outcome.plan,
  });
  return record.id;
}

export { systemClock };
