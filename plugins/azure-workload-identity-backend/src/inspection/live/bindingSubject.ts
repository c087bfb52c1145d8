import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { ManagedIdentity } from '../azureTypes';
import { ENTITY_ANNOTATIONS } from '../derive';
import { Pod, ServiceAccount, Workload } from '../kubernetesTypes';
import { envValue } from '../podShape';
import { Read, valueOf } from '../reads';
import { RequestRecordFacts } from '../snapshot';

const LIVE = ['active', 'approved'];

/**
 * What a binding is about before Azure is asked: the request behind it, the service account
 * and client id its workload runs with, and the targets to read. Plain functions of what the
 * cluster reads found.
 */

/** The namespace's request that stands (active or approved), else any other of it. */
export function requestOf(
  records: RequestRecordFacts[],
  namespace: string,
): RequestRecordFacts | undefined {
  return (
    records.find(r => r.namespace === namespace && LIVE.includes(r.status)) ??
    records.find(r => r.namespace === namespace)
  );
}

/**
 * The service account the workload runs as, and the client id and tenant its SDK signs in
 * with: the main container's own environment first, else the service account's annotations,
 * the same places the workload identity webhook takes them from.
 */
export function workloadIdentityOf(input: {
  workload: Read<Workload>;
  pods: Read<Pod[]>;
  serviceAccounts: Read<ServiceAccount[]> | undefined;
  request?: RequestRecordFacts;
  annotations: Record<string, string>;
}): { serviceAccountName: string; clientId?: string; tenantId?: string } {
  const template = valueOf(input.workload)?.template;
  // A running pod says what the workload runs as now; the template what it will.
  const serviceAccountName =
    valueOf(input.pods)?.[0]?.spec.serviceAccountName ||
    template?.spec.serviceAccountName ||
    input.request?.serviceAccountName ||
    'default';
  const serviceAccount = valueOf(input.serviceAccounts)?.find(
    s => s.metadata.name === serviceAccountName,
  );
  const mainName = input.annotations[ENTITY_ANNOTATIONS.container];
  const main =
    template?.spec.containers.find(c => c.name === mainName) ??
    template?.spec.containers[0];
  const annotation = (key: string) =>
    serviceAccount?.metadata.annotations?.[key]?.trim();
  return {
    serviceAccountName,
    clientId:
      envValue(main, 'AZURE_CLIENT_ID') ??
      annotation(WORKLOAD_IDENTITY_ANNOTATIONS.clientId),
    tenantId:
      envValue(main, 'AZURE_TENANT_ID') ??
      annotation(WORKLOAD_IDENTITY_ANNOTATIONS.tenantId),
  };
}

/**
 * The identity whose credentials and roles to read. When the identity itself cannot be read,
 * the one the request recorded is still asked after: its credentials and roles may be
 * readable, and the rules must not take silence for absence.
 */
export function identityToRead(
  identity: Read<ManagedIdentity>,
  request: RequestRecordFacts | undefined,
): { identityId?: string; principalId?: string } {
  const found = valueOf(identity);
  const unreadable =
    identity.status === 'forbidden' || identity.status === 'unreachable';
  return {
    identityId:
      found?.id ?? (unreadable ? request?.identity.resourceId : undefined),
    principalId:
      found?.properties.principalId ??
      (unreadable ? request?.identity.principalId : undefined),
  };
}

/** A target to read for the binding, and who named it. */
export interface TargetToRead {
  resourceId: string;
  intent: string;
  source: 'request' | 'annotation';
}

/**
 * The targets the namespace's standing requests grant, then those the component's annotation
 * lists (read access assumed); each resource, intent and source once.
 */
export function targetsToRead(input: {
  records: RequestRecordFacts[];
  namespace: string;
  annotations: Record<string, string>;
}): TargetToRead[] {
  const requested = input.records
    .filter(r => r.namespace === input.namespace && LIVE.includes(r.status))
    .flatMap(r =>
      r.targets.map(t => [t.resourceId, t.intent, 'request'] as const),
    );
  const annotated = (input.annotations[ENTITY_ANNOTATIONS.resources] ?? '')
    .split(',')
    .map(id => id.trim())
    .filter(Boolean)
    .map(id => [id, 'read', 'annotation'] as const);
  const keys = new Set(
    [...requested, ...annotated].map(key => JSON.stringify(key)),
  );
  return [...keys].map(key => {
    const [resourceId, intent, source] = JSON.parse(key);
    return { resourceId, intent, source };
  });
}
