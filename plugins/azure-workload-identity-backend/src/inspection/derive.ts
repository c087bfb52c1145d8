import {
  WORKLOAD_IDENTITY_ANNOTATIONS,
  WORKLOAD_IDENTITY_USE_LABEL,
  serviceAccountSubject,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ManagedCluster, ManagedIdentity } from './azureTypes';
import { HealthRulesConfig } from './config';
import {
  Container,
  Pod,
  PodTemplate,
  ServiceAccount,
  Workload,
} from './kubernetesTypes';
import { envValue, tokenAudience } from './podShape';
import { valueOf } from './reads';
import {
  BindingSnapshot,
  ClusterSnapshot,
  InspectionSnapshot,
  RequestRecordFacts,
} from './snapshot';

/** This plugin's entity annotations (conventions of the plugin, §1.3). */
export const ENTITY_ANNOTATIONS = {
  container: 'azure-workload-identity.backstage.io/container',
  resources: 'azure-workload-identity.backstage.io/resources',
  sdk: 'azure-workload-identity.backstage.io/sdk',
} as const;

/**
 * A binding with the values of §1.3 computed once, so every rule uses the same `S`, `C`,
 * `A`, `effClientId`, ... Values that could not be read are undefined; the engine does not
 * run a rule whose reads failed, so a rule may treat undefined as "absent".
 */
export interface BindingView {
  key: string;
  snapshot: InspectionSnapshot;
  binding: BindingSnapshot;
  cluster: ClusterSnapshot;
  managedCluster?: ManagedCluster;
  workload?: Workload;
  /** `<kind>/<name>` for kubectl, e.g. `deployment/orders-api`. */
  workloadRef: string;
  pods: Pod[];
  tpl?: PodTemplate;
  ns: string;
  sa: string;
  /** The ServiceAccount `sa`; undefined when it does not exist (or could not be read). */
  serviceAccount?: ServiceAccount;
  serviceAccountMissing: boolean;
  S: string;
  C?: string;
  A: string;
  main?: Container;
  skip: string[];
  /** The trimmed SA client-id annotation; undefined when absent or empty. */
  saClientId?: string;
  effClientId?: string;
  effTenantId?: string;
  effTenantSource: 'annotation' | 'webhook config' | 'none';
  identity?: ManagedIdentity;
  identityResourceGroup?: string;
  request?: RequestRecordFacts;
  prevIssuers: string[];
  knownIssuers: string[];
  usesWorkloadIdentity: boolean;
}

export function resourceGroupOf(id: string | undefined): string | undefined {
  return id?.match(/\/resourceGroups\/([^/]+)/i)?.[1];
}

function splitSkip(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map(s => s.trim())
    .filter(Boolean);
}

function bindingRequest(
  snapshot: InspectionSnapshot,
  binding: BindingSnapshot,
  sa: string,
): RequestRecordFacts | undefined {
  const records = (valueOf(snapshot.requests) ?? []).filter(
    r => r.cluster === binding.cluster && r.namespace === binding.namespace,
  );
  const live = records.filter(
    r => r.status === 'active' || r.status === 'approved',
  );
  return live.find(r => r.serviceAccountName === sa) ?? live[0] ?? records[0];
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
  const request = bindingRequest(snapshot, binding, sa);
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
    effClientId: envValue(main, 'AZURE_CLIENT_ID') ?? saClientId,
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
    usesWorkloadIdentity: labelled || Boolean(saClientId) || Boolean(request),
  };
}
