import {
  WORKLOAD_IDENTITY_ANNOTATIONS,
  WORKLOAD_IDENTITY_USE_LABEL,
  serviceAccountSubject,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AzureAsk,
  BindingView,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { HealthRulesConfig } from './config';
import { envValue, tokenAudience } from './podShape';
import { valueOf } from './reads';
import {
  BindingSnapshot,
  InspectionSnapshot,
  RequestRecordFacts,
} from './snapshot';

/** This plugin's entity annotations (conventions of the plugin). */
export const ENTITY_ANNOTATIONS = {
  container: 'azure-workload-identity.backstage.io/container',
  resources: 'azure-workload-identity.backstage.io/resources',
  sdk: 'azure-workload-identity.backstage.io/sdk',
} as const;

// The view rules read is part of the rule interface, in the -node package.
export type {
  AzureAsk,
  BindingView,
} from '@backstage-community/plugin-azure-workload-identity-node';

export function resourceGroupOf(id: string | undefined): string | undefined {
  return id?.match(/\/resourceGroups\/([^/]+)/i)?.[1];
}

function splitSkip(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map(s => s.trim())
    .filter(Boolean);
}

function requestsOf(
  snapshot: InspectionSnapshot,
  binding: BindingSnapshot,
): RequestRecordFacts[] {
  return (valueOf(snapshot.requests) ?? []).filter(
    r => r.cluster === binding.cluster && r.namespace === binding.namespace,
  );
}

function bindingRequest(
  records: RequestRecordFacts[],
  sa: string,
): RequestRecordFacts | undefined {
  const live = records.filter(
    r => r.status === 'active' || r.status === 'approved',
  );
  return live.find(r => r.serviceAccountName === sa) ?? live[0] ?? records[0];
}

// Requests whose chain exists or is being built: one of them makes a workload "use workload
// identity". A request waiting for approval, refused or ended built nothing that is there now.
const BUILDING: readonly RequestRecordFacts['status'][] = [
  'approved',
  'active',
  'failed',
];
const ENDED: readonly RequestRecordFacts['status'][] = ['revoked', 'expired'];

/**
 * The request whose end left the binding without access: only when no request builds a chain
 * for it any more, and the service account names no identity of the team's own instead.
 */
function endedRequest(
  records: RequestRecordFacts[],
  sa: string,
  saClientId: string | undefined,
): RequestRecordFacts | undefined {
  if (records.some(r => BUILDING.includes(r.status))) return undefined;
  const ended = records.filter(r => ENDED.includes(r.status));
  const request = ended.find(r => r.serviceAccountName === sa) ?? ended[0];
  const ownIdentity =
    saClientId !== undefined &&
    saClientId.toLowerCase() !== request?.identity.clientId?.toLowerCase();
  return ownIdentity ? undefined : request;
}

function tenantSource(
  annotation: string | undefined,
  webhookDefault: string | undefined,
): BindingView['effTenantSource'] {
  if (annotation !== undefined) return 'annotation';
  return webhookDefault ? 'webhook config' : 'none';
}

export function deriveBinding(
  snapshot: InspectionSnapshot,
  binding: BindingSnapshot,
  config: HealthRulesConfig,
): BindingView {
  const cluster = snapshot.clusters.find(c => c.name === binding.cluster);
  if (!cluster) {
    throw new Error(
      `binding names cluster ${binding.cluster}, which the snapshot lacks`,
    );
  }
  const managedCluster = valueOf(cluster.managedCluster);
  const workload = valueOf(binding.workload);
  const pods = valueOf(binding.pods) ?? [];
  const tpl = workload?.template;
  const ns = binding.namespace;
  const podSpec = pods[0]?.spec ?? tpl?.spec;
  const podAnnotations =
    pods[0]?.metadata.annotations ?? tpl?.metadata.annotations ?? {};
  const sa = podSpec?.serviceAccountName || 'default';
  const serviceAccountsRead = cluster.serviceAccounts[ns];
  const serviceAccounts = valueOf(serviceAccountsRead);
  const serviceAccount = serviceAccounts?.find(s => s.metadata.name === sa);
  const saAnnotations = serviceAccount?.metadata.annotations ?? {};
  const annotations = valueOf(snapshot.entity)?.annotations ?? {};
  const mainName = annotations[ENTITY_ANNOTATIONS.container];
  const main =
    tpl?.spec.containers.find(c => c.name === mainName) ??
    tpl?.spec.containers[0];
  const livePodMain = pods[0]?.spec.containers.find(c => c.name === main?.name);
  const saClientId =
    saAnnotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId]?.trim() || undefined;
  const tenantAnnotation =
    saAnnotations[WORKLOAD_IDENTITY_ANNOTATIONS.tenantId];
  const webhookTenant = valueOf(cluster.webhookConfigMap)?.data
    ?.AZURE_TENANT_ID;
  const records = requestsOf(snapshot, binding);
  const request = bindingRequest(records, sa);
  const accessEnded = endedRequest(records, sa, saClientId);
  const C =
    managedCluster?.properties.oidcIssuerProfile?.issuerURL || undefined;
  const identity = valueOf(binding.identity);
  const history = valueOf(snapshot.issuerHistory) ?? [];
  const prevIssuers = [
    ...history.filter(h => h.cluster === cluster.name).map(h => h.issuer),
    ...(valueOf(snapshot.requests) ?? [])
      .filter(r => r.cluster === cluster.name && r.federatedCredential)
      .map(r => r.federatedCredential!.issuer),
  ].filter(issuer => issuer !== C);
  const knownIssuers = [
    ...snapshot.clusters
      .map(
        c => valueOf(c.managedCluster)?.properties.oidcIssuerProfile?.issuerURL,
      )
      .filter((i): i is string => Boolean(i)),
    ...config.externalIssuers,
  ];
  const labelled = [
    tpl?.metadata.labels,
    ...pods.map(p => p.metadata.labels),
  ].some(labels => labels?.[WORKLOAD_IDENTITY_USE_LABEL] !== undefined);
  const envClientId = envValue(main, 'AZURE_CLIENT_ID');
  const asks: [AzureAsk, unknown][] = [
    ['label', labelled],
    ['env', envClientId],
    ['annotation', saClientId],
  ];
  const stillAsksForAzure = accessEnded
    ? asks.filter(([, present]) => Boolean(present)).map(([ask]) => ask)
    : [];
  const building = Boolean(request && BUILDING.includes(request.status));
  return {
    key: `${cluster.name}/${ns}/${workload?.kind ?? 'Workload'}/${
      workload?.metadata.name ?? sa
    }`,
    snapshot,
    binding,
    cluster,
    managedCluster,
    workload,
    workloadRef: `${(workload?.kind ?? 'deployment').toLowerCase()}/${
      workload?.metadata.name ?? sa
    }`,
    pods,
    tpl,
    ns,
    sa,
    serviceAccount,
    serviceAccountMissing:
      serviceAccountsRead?.status === 'ok' && !serviceAccount,
    S: serviceAccountSubject({ namespace: ns, serviceAccountName: sa }),
    C,
    A: tokenAudience(pods[0]?.spec ?? tpl?.spec, livePodMain ?? main),
    main,
    skip: splitSkip(
      podAnnotations[WORKLOAD_IDENTITY_ANNOTATIONS.skipContainers],
    ),
    saClientId,
    effClientId: envClientId ?? saClientId,
    effTenantId:
      tenantAnnotation !== undefined ? tenantAnnotation.trim() : webhookTenant,
    effTenantSource: tenantSource(tenantAnnotation, webhookTenant),
    identity,
    identityResourceGroup: resourceGroupOf(
      identity?.id ?? request?.identity.resourceId,
    ),
    request,
    prevIssuers: [...new Set(prevIssuers)],
    knownIssuers,
    usesWorkloadIdentity:
      !accessEnded && (labelled || Boolean(saClientId) || building),
    accessEnded,
    stillAsksForAzure,
  };
}
