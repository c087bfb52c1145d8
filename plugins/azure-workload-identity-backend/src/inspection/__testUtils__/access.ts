import {
  FederatedCredential,
  ManagedCluster,
  ProbeOutcome,
} from '../azureTypes';
import { Pod, ServiceAccount, Workload } from '../kubernetesTypes';
import { Read } from '../reads';
import {
  BindingSnapshot,
  ClusterSnapshot,
  InspectionSnapshot,
} from '../snapshot';

/** Small accessors so a scenario reads as the one change it makes to the baseline. */
export function ok<T>(read: Read<T>): T {
  if (read.status !== 'ok') throw new Error(`fixture read is ${read.status}`);
  return read.value;
}

export const binding = (s: InspectionSnapshot): BindingSnapshot =>
  s.bindings[0];
export const cluster = (s: InspectionSnapshot): ClusterSnapshot =>
  s.clusters[0];
export const managedCluster = (s: InspectionSnapshot): ManagedCluster =>
  ok(cluster(s).managedCluster);
export const workload = (s: InspectionSnapshot): Workload =>
  ok(binding(s).workload);
export const pods = (s: InspectionSnapshot): Pod[] => ok(binding(s).pods);
export const fics = (s: InspectionSnapshot): FederatedCredential[] =>
  ok(binding(s).federatedCredentials);

export function serviceAccount(
  s: InspectionSnapshot,
  name = 'orders-api',
  namespace = 'orders',
): ServiceAccount {
  const found = ok(cluster(s).serviceAccounts[namespace]).find(
    sa => sa.metadata.name === name,
  );
  if (!found)
    throw new Error(`fixture has no service account ${namespace}/${name}`);
  return found;
}

/** What the Entra twin answers to the probe in a scenario. */
export function probeFails(
  s: InspectionSnapshot,
  code: string,
  description: string,
): void {
  const outcome: ProbeOutcome = {
    status: 'failed',
    at: '2026-06-01T09:59:00Z',
    code,
    description: `${code}: ${description}`,
    traceId: '0c6b1e2a-0000-0000-0000-000000000001',
    correlationId: '5d1f0e3b-0000-0000-0000-000000000001',
  };
  binding(s).probe = { status: 'ok', value: outcome };
}

export function probeNotRun(s: InspectionSnapshot, reason: string): void {
  binding(s).probe = { status: 'ok', value: { status: 'not-run', reason } };
}
