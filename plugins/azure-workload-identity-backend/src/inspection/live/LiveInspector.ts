import {
  KUBERNETES_ANNOTATIONS,
  WORKLOAD_IDENTITY_ANNOTATIONS,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { TokenExchangeProbe } from '../../clients/ProvisioningClients';
import {
  DiscoveryResult,
  FederatedCredential,
  ManagedIdentity,
  ProbeOutcome,
  RoleAssignment,
} from '../azureTypes';
import { isClosedToInternet } from '../network';
import { ENTITY_ANNOTATIONS } from '../derive';
import {
  ConfigMap,
  MutatingWebhookConfiguration,
  Namespace,
  WebhookDeployment,
  Workload,
} from '../kubernetesTypes';
import { envValue } from '../podShape';
import { Read, valueOf } from '../reads';
import {
  BindingSnapshot,
  ClusterSnapshot,
  InspectionSnapshot,
  IdentityRequest,
  IssuerHistoryEntry,
  RequestRecordFacts,
  TargetSnapshot,
} from '../snapshot';
import { AzureInspectionClient } from './AzureInspectionClient';
import { fetchDiscovery } from './fetchDiscovery';
import { KubernetesInspectionClient } from './KubernetesInspectionClient';
import { readCustomRoles } from './readCustomRoles';
import { readOutcome } from './readOutcome';
import { readTargetNetwork } from './readTargetNetwork';
import { sharedReads } from './sharedReads';
import { clusterWideReads } from './clusterWideReads';
import { subscriptionWideReads } from './subscriptionWideReads';

const TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

/** A cluster the inspector reads: ARM coordinates and its Kubernetes reads. */
export interface InspectedCluster {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  kubernetes: KubernetesInspectionClient;
  /** False where the platform turned the token probe off for the cluster; default true. */
  probeEnabled?: boolean;
}

/** What the inspector knows of a component before reading anything. */
export interface InspectedEntity {
  entityRef: string;
  annotations: Record<string, string>;
}

export interface LiveInspectorOptions {
  clusters: InspectedCluster[];
  azure: AzureInspectionClient;
  /** Where identities and role assignments are listed: clusters', identities' subscriptions. */
  subscriptionIds: string[];
  /**
   * Further subscriptions searched for private DNS zones only, e.g. a hub reached with a
   * principal of its own (`azure.subscriptions`).
   */
  zoneSubscriptionIds?: string[];
  tenantId?: string;
  /** The component's request records, in the rules' terms. */
  requestsOf(entityRef: string): Promise<RequestRecordFacts[]>;
  /**
   * Every component's requests whose plan uses the identity (O3), so a shared identity is
   * counted even where its other holders' workloads are not in sight.
   */
  requestsOfIdentity?(identityId: string): Promise<IdentityRequest[]>;
  /** Issuers each cluster had before (O5). */
  issuerHistory(): Promise<IssuerHistoryEntry[]>;
  /** The token-exchange probe; without it the token link says why it did not run. */
  probe?: TokenExchangeProbe;
  /**
   * The probe as fleet scans use it: it may answer with an outcome some scans old, so a scan
   * does not exchange a token for every identity every interval. Default: `probe`.
   */
  scanProbe?: TokenExchangeProbe;
  /**
   * The probe for a read right after a request changed the chain: it exchanges anew, since an
   * outcome from before the change may no longer hold. Default: `probe`.
   */
  changeProbe?: TokenExchangeProbe;
  /**
   * `healthRules.inspectSecrets`: list each namespace's Secrets (K11), keeping key names only,
   * to find credentials left behind after a move to workload identity.
   */
  inspectSecrets?: boolean;
  /** A private CA for issuers' discovery documents (the sandbox's). */
  issuerCa?: string;
  now?: () => Date;
}

/**
 * Reads one component's identity chain across every configured cluster and subscription into
 * an `InspectionSnapshot` (health-rules §1.3, §1.4): independent reads in parallel, each with
 * its outcome, so a read that fails makes its link unknown instead of guessing.
 */
export class LiveInspector {
  constructor(
    private readonly options: LiveInspectorOptions,
    /** Within one fleet scan: reads several components share, made once. */
    private readonly shared?: Map<string, Promise<unknown>>,
  ) {}

  /**
   * An inspector for one fleet scan: the cluster, its webhook and issuer, a namespace's
   * service accounts and workloads, a subscription's identities, a target and an identity's
   * credentials and roles are read once for all the components that need them.
   */
  forScan(): LiveInspector {
    const memo = new Map<string, Promise<unknown>>();
    return new LiveInspector(
      {
        ...this.options,
        azure: sharedReads(
          subscriptionWideReads(this.options.azure),
          'arm',
          memo,
        ),
        clusters: this.options.clusters.map(c => ({
          ...c,
          kubernetes: sharedReads(
            clusterWideReads(c.kubernetes),
            `k8s:${c.name}`,
            memo,
          ),
        })),
        probe: this.options.scanProbe ?? this.options.probe,
      },
      memo,
    );
  }

  /** An inspector for the read that follows a request's change: its token probe runs anew. */
  forChange(): LiveInspector {
    return new LiveInspector({
      ...this.options,
      probe: this.options.changeProbe ?? this.options.probe,
    });
  }

  async inspect(entity: InspectedEntity): Promise<InspectionSnapshot> {
    // Outside a scan, reads several targets or bindings share are still made once.
    if (!this.shared) {
      return new LiveInspector(this.options, new Map()).inspect(entity);
    }
    const { options } = this;
    const now = options.now?.() ?? new Date();
    const selector = selectorOf(entity.annotations);
    const namespace = entity.annotations[KUBERNETES_ANNOTATIONS.namespace];

    const [requests, issuerHistory, inventory] = await Promise.all([
      readOutcome('request records', () =>
        options.requestsOf(entity.entityRef),
      ),
      readOutcome('issuer history', () => options.issuerHistory()),
      Promise.all(
        unique(options.subscriptionIds).map(async subscriptionId => ({
          subscriptionId,
          identities: await readOutcome(
            `identities of subscription ${subscriptionId}`,
            () => options.azure.listIdentities(subscriptionId),
          ),
        })),
      ),
    ]);
    const records = valueOf(requests) ?? [];

    const perCluster = await Promise.all(
      options.clusters.map(cluster =>
        this.inspectCluster({
          cluster,
          selector,
          namespace,
          records: records.filter(r => r.cluster === cluster.name),
          entity,
          inventory: inventory.flatMap(s => valueOf(s.identities) ?? []),
          now,
        }),
      ),
    );

    // Credentials may trust any configured cluster: place them once every issuer is known.
    const issuers = new Map(
      perCluster.flatMap(({ cluster }) => {
        const issuer = valueOf(cluster.managedCluster)?.properties
          .oidcIssuerProfile?.issuerURL;
        return issuer ? [[issuer, cluster.name] as const] : [];
      }),
    );
    const bindings = perCluster.flatMap(c => c.bindings);
    // The bindings' own namespaces were listed already; those reads are not made again.
    const listed = new Map(
      bindings.flatMap(b =>
        b.namespaceWorkloads
          ? [[`${b.cluster}/${b.namespace}`, b.namespaceWorkloads] as const]
          : [],
      ),
    );
    await Promise.all(
      bindings.map(async binding => {
        binding.subjectWorkloads = await this.subjectWorkloads(
          valueOf(binding.federatedCredentials) ?? [],
          issuers,
          listed,
        );
      }),
    );

    return {
      entityRef: entity.entityRef,
      entity: { status: 'ok', value: { annotations: entity.annotations } },
      requests,
      issuerHistory,
      identityInventory: inventory,
      roleDefinitions: await readCustomRoles({
        azure: options.azure,
        once: (key, read) => this.once(key, read),
        bindings,
        subscriptionId: options.subscriptionIds[0] ?? '',
        now,
      }),
      clusters: perCluster.map(c => c.cluster),
      bindings,
    };
  }

  private async inspectCluster(input: {
    cluster: InspectedCluster;
    selector?: string;
    namespace?: string;
    records: RequestRecordFacts[];
    entity: InspectedEntity;
    inventory: ManagedIdentity[];
    now: Date;
  }): Promise<{ cluster: ClusterSnapshot; bindings: BindingSnapshot[] }> {
    const { cluster, selector, records, now } = input;
    const k8s = cluster.kubernetes;
    const [managedCluster, workloads] = await Promise.all([
      readOutcome(`managed cluster ${cluster.name}`, () =>
        this.options.azure.getManagedCluster(cluster),
      ),
      selector
        ? readOutcome(`workloads labelled ${selector}`, () =>
            k8s.listWorkloads({
              namespace: input.namespace,
              labelSelector: selector,
            }),
          )
        : Promise.resolve<Read<Workload[]>>({ status: 'ok', value: [] }),
    ]);
    const found = valueOf(workloads) ?? [];
    // A request naming a namespace where no workload was found still gets a binding.
    const orphanRecords = records.filter(
      r => !found.some(w => w.metadata.namespace === r.namespace),
    );
    const namespaces = unique([
      ...found.map(w => w.metadata.namespace ?? ''),
      ...orphanRecords.map(r => r.namespace),
    ]).filter(Boolean);
    const inUse = namespaces.length > 0 || workloads.status !== 'ok';

    const issuer =
      valueOf(managedCluster)?.properties.oidcIssuerProfile?.issuerURL;
    const skipped = 'no workload on this cluster';
    const [
      discovery,
      webhookConfigurations,
      webhookDeployments,
      clusterNamespaces,
    ] = await Promise.all([
      issuer && inUse
        ? readOutcome(`the discovery document of ${issuer}`, () =>
            this.once(`discovery ${issuer}`, () =>
              fetchDiscovery({ issuer, ca: this.options.issuerCa }),
            ),
          )
        : notRead<DiscoveryResult>(
            issuer ? skipped : 'the cluster has no issuer',
          ),
      inUse
        ? readOutcome('mutating webhook configurations', () =>
            k8s.listWebhookConfigurations(),
          )
        : notRead<MutatingWebhookConfiguration[]>(skipped),
      inUse
        ? readOutcome('the webhook deployment', () =>
            k8s.listWebhookDeployments(),
          )
        : notRead<WebhookDeployment[]>(skipped),
      inUse
        ? readOutcome('namespaces', () => k8s.listNamespaces())
        : notRead<Namespace[]>(skipped),
    ]);
    const webhookNamespace =
      valueOf(webhookDeployments)?.[0]?.metadata.namespace ?? 'kube-system';
    const [webhookConfigMap, serviceAccountReads] = await Promise.all([
      inUse
        ? readOutcome(
            `configmap azure-wi-webhook-config in ${webhookNamespace}`,
            () => k8s.getWebhookConfigMap(webhookNamespace),
          )
        : notRead<ConfigMap>(skipped),
      Promise.all(
        namespaces.map(
          async ns =>
            [
              ns,
              await readOutcome(`service accounts of ${ns}`, () =>
                k8s.listServiceAccounts(ns),
              ),
            ] as const,
        ),
      ),
    ]);
    const clusterSnapshot: ClusterSnapshot = {
      name: cluster.name,
      subscriptionId: cluster.subscriptionId,
      resourceGroup: cluster.resourceGroup,
      managedCluster,
      discovery,
      webhookConfigurations,
      webhookDeployments,
      webhookConfigMap,
      namespaces: clusterNamespaces,
      serviceAccounts: Object.fromEntries(serviceAccountReads),
      probeEnabled:
        Boolean(this.options.probe) && cluster.probeEnabled !== false,
    };

    const units: { namespace: string; workload: Read<Workload> }[] = [
      ...found.map(w => ({
        namespace: w.metadata.namespace ?? '',
        workload: { status: 'ok', value: w } as Read<Workload>,
      })),
      ...unique(orphanRecords.map(r => r.namespace)).map(ns => ({
        namespace: ns,
        workload: {
          status: 'not-found',
          reason: `no workload labelled ${
            selector ?? '(no selector)'
          } in ${ns}`,
        } as Read<Workload>,
      })),
    ];
    const bindings = await Promise.all(
      units.map(unit =>
        this.inspectBinding({
          ...input,
          clusterSnapshot,
          namespace: unit.namespace,
          workload: unit.workload,
          selector,
          now,
        }),
      ),
    );
    return { cluster: clusterSnapshot, bindings };
  }

  private async inspectBinding(input: {
    cluster: InspectedCluster;
    clusterSnapshot: ClusterSnapshot;
    namespace: string;
    workload: Read<Workload>;
    selector?: string;
    records: RequestRecordFacts[];
    entity: InspectedEntity;
    inventory: ManagedIdentity[];
    now: Date;
  }): Promise<BindingSnapshot> {
    const { cluster, namespace, workload, selector, now } = input;
    const k8s = cluster.kubernetes;
    const azure = this.options.azure;
    const record =
      input.records.find(
        r =>
          r.namespace === namespace &&
          ['active', 'approved'].includes(r.status),
      ) ?? input.records.find(r => r.namespace === namespace);

    const [pods, events, aadPodIdentity, namespaceWorkloads, secrets] =
      await Promise.all([
        selector
          ? readOutcome(`pods labelled ${selector} in ${namespace}`, () =>
              k8s.listPods({ namespace, labelSelector: selector }),
            )
          : Promise.resolve<Read<never[]>>({ status: 'ok', value: [] }),
        readOutcome(`events of ${namespace}`, () =>
          k8s.listFailedCreateEvents(namespace, now),
        ),
        readOutcome(`aad-pod-identity objects of ${namespace}`, () =>
          k8s.listAadPodIdentity(namespace),
        ),
        readOutcome(`workloads of ${namespace}`, () =>
          k8s.listWorkloads({ namespace, labelSelector: '' }),
        ),
        this.options.inspectSecrets
          ? readOutcome(`secrets of ${namespace}`, () =>
              k8s.listSecretKeys(namespace),
            )
          : Promise.resolve(undefined),
      ]);

    // The effective client id (§1.3): the main container's own env, else the SA annotation.
    const template = valueOf(workload)?.template;
    const sa =
      valueOf(pods)?.[0]?.spec.serviceAccountName ||
      template?.spec.serviceAccountName ||
      record?.serviceAccountName ||
      'default';
    const serviceAccount = valueOf(
      input.clusterSnapshot.serviceAccounts[namespace],
    )?.find(s => s.metadata.name === sa);
    const mainName = input.entity.annotations[ENTITY_ANNOTATIONS.container];
    const main =
      template?.spec.containers.find(c => c.name === mainName) ??
      template?.spec.containers[0];
    const clientId =
      envValue(main, 'AZURE_CLIENT_ID') ??
      serviceAccount?.metadata.annotations?.[
        WORKLOAD_IDENTITY_ANNOTATIONS.clientId
      ]?.trim();
    // The tenant the workload's SDK signs in to: the webhook takes it from the same places.
    const tenantId =
      envValue(main, 'AZURE_TENANT_ID') ??
      serviceAccount?.metadata.annotations?.[
        WORKLOAD_IDENTITY_ANNOTATIONS.tenantId
      ]?.trim();

    const identity = await this.identityOf({
      clientId,
      inventory: input.inventory,
      recorded: record?.identity.resourceId,
      now,
    });
    const found = valueOf(identity);
    // When the identity cannot be read, the one a request recorded is still asked after: its
    // credentials and roles may be readable, and the rules must not take silence for absence.
    const unreadable =
      identity.status === 'forbidden' || identity.status === 'unreachable';
    const identityId =
      found?.id ?? (unreadable ? record?.identity.resourceId : undefined);
    const principalId =
      found?.properties.principalId ??
      (unreadable ? record?.identity.principalId : undefined);

    const targetIds = unique([
      ...input.records
        .filter(
          r =>
            r.namespace === namespace &&
            ['active', 'approved'].includes(r.status),
        )
        .flatMap(r =>
          r.targets.map(t =>
            JSON.stringify([t.resourceId, t.intent, 'request']),
          ),
        ),
      ...(input.entity.annotations[ENTITY_ANNOTATIONS.resources] ?? '')
        .split(',')
        .map(id => id.trim())
        .filter(Boolean)
        .map(id => JSON.stringify([id, 'read', 'annotation'])),
    ]).map(
      key => JSON.parse(key) as [string, string, 'request' | 'annotation'],
    );

    const probeSkipped = probeSkippedOn(input.clusterSnapshot, cluster);
    const requestsOfIdentity = this.options.requestsOfIdentity;
    const [
      federatedCredentials,
      roleAssignments,
      targets,
      probe,
      identityRequests,
    ] = await Promise.all([
      identityId
        ? readOutcome(`federated credentials of ${identityId}`, () =>
            azure.listFederatedCredentials(identityId),
          )
        : notRead<FederatedCredential[]>('no identity to read'),
      principalId
        ? readOutcome(`role assignments of ${principalId}`, () =>
            azure.listRoleAssignments({
              principalId,
              subscriptionIds: this.options.subscriptionIds,
            }),
          )
        : notRead<RoleAssignment[]>('no identity to read'),
      Promise.all(
        targetIds.map(
          async ([resourceId, intent, source]): Promise<TargetSnapshot> => {
            const [resource, assignmentsAtScope] = await Promise.all([
              readOutcome(`resource ${resourceId}`, () =>
                azure.getResource(resourceId),
              ),
              readOutcome(`role assignments at ${resourceId}`, () =>
                azure.listAssignmentsAtScope(resourceId),
              ),
            ]);
            const closed = valueOf(resource);
            // The network is read only where it decides anything: a closed target.
            const network =
              closed && isClosedToInternet(closed)
                ? await readOutcome(`the network to ${resourceId}`, () =>
                    readTargetNetwork({
                      azure,
                      once: (key, read) => this.once(key, read),
                      resource: closed,
                      intent,
                      // Zones often live in a hub: every configured subscription is searched.
                      subscriptionIds: [
                        cluster.subscriptionId,
                        ...this.options.subscriptionIds,
                        ...(this.options.zoneSubscriptionIds ?? []),
                      ],
                      managedCluster: valueOf(
                        input.clusterSnapshot.managedCluster,
                      ),
                    }),
                  )
                : undefined;
            return {
              resourceId,
              intent,
              source,
              resource,
              assignmentsAtScope,
              ...(network ? { network } : {}),
            };
          },
        ),
      ),
      probeSkipped
        ? ok<ProbeOutcome>(
            { status: 'not-run', reason: probeSkipped },
            now.toISOString(),
          )
        : this.probe({
            cluster: cluster.name,
            namespace,
            sa,
            clientId,
            tenantId,
            now,
          }),
      found && requestsOfIdentity
        ? readOutcome(`requests naming ${found.id}`, () =>
            this.once(`requests of ${found.id.toLowerCase()}`, () =>
              requestsOfIdentity(found.id),
            ),
          )
        : Promise.resolve(undefined),
    ]);

    return {
      cluster: cluster.name,
      namespace,
      workload,
      pods,
      namespaceWorkloads,
      events,
      aadPodIdentity,
      ...(secrets ? { secrets } : {}),
      identity,
      federatedCredentials,
      roleAssignments,
      targets,
      probe,
      ...(identityRequests ? { identityRequests } : {}),
    };
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.shared) return read();
    let answer = this.shared.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      this.shared.set(key, answer);
    }
    return answer;
  }

  /**
   * The workloads of every namespace the identity's credentials trust, on the configured
   * clusters, so a rule can count the components that share the identity.
   */
  private async subjectWorkloads(
    fics: FederatedCredential[],
    /** Issuer URL → configured cluster name. */
    issuers: Map<string, string>,
    listed: Map<string, Read<Workload[]>>,
  ): Promise<Record<string, Read<Workload[]>>> {
    const places = new Map<string, { cluster: InspectedCluster; ns: string }>();
    for (const fic of fics) {
      const ns = /^system:serviceaccount:([^:]+):[^:]+$/.exec(
        fic.properties.subject,
      )?.[1];
      const cluster = this.options.clusters.find(
        c => c.name === issuers.get(fic.properties.issuer),
      );
      if (ns && cluster) places.set(`${cluster.name}/${ns}`, { cluster, ns });
    }
    const reads = await Promise.all(
      [...places.entries()].map(
        async ([key, { cluster, ns }]) =>
          [
            key,
            listed.get(key) ??
              (await readOutcome(`workloads of ${ns} on ${cluster.name}`, () =>
                cluster.kubernetes.listWorkloads({
                  namespace: ns,
                  labelSelector: '',
                }),
              )),
          ] as const,
      ),
    );
    return Object.fromEntries(reads);
  }

  /** A2: by the effective client id in the inventory, else the identity a request recorded. */
  private async identityOf(input: {
    clientId?: string;
    inventory: ManagedIdentity[];
    recorded?: string;
    now: Date;
  }): Promise<Read<ManagedIdentity>> {
    const { clientId, recorded } = input;
    const listed = clientId
      ? input.inventory.find(
          i => i.properties.clientId.toLowerCase() === clientId.toLowerCase(),
        )
      : undefined;
    if (listed) return ok(listed, input.now.toISOString());
    if (recorded) {
      return readOutcome(`identity ${recorded}`, () =>
        this.options.azure.getIdentity(recorded),
      );
    }
    return {
      status: 'not-found',
      reason: clientId
        ? `no identity with client id ${clientId} in the configured subscriptions`
        : 'the workload names no identity',
    };
  }

  /** O2 with K9: what the workload's SDK would get; the token itself is never kept. */
  private async probe(input: {
    cluster: string;
    namespace: string;
    sa: string;
    clientId?: string;
    /** The workload's own tenant, when it names one; else the portal's. */
    tenantId?: string;
    now: Date;
  }): Promise<Read<ProbeOutcome>> {
    const { probe } = this.options;
    const tenantId = input.tenantId || this.options.tenantId;
    const at = input.now.toISOString();
    if (!probe || !tenantId) {
      return ok(
        { status: 'not-run', reason: 'the token probe is not configured' },
        at,
      );
    }
    if (!input.clientId) {
      return ok(
        { status: 'not-run', reason: 'the workload names no client id' },
        at,
      );
    }
    return readOutcome('the token exchange', async () => {
      const outcome = await probe.exchange({
        cluster: input.cluster,
        namespace: input.namespace,
        serviceAccountName: input.sa,
        audience: TOKEN_AUDIENCE,
        tenantId,
        clientId: input.clientId!,
      });
      const exchangedAt = outcome.exchangedAt ?? at;
      if (outcome.ok) {
        return { status: 'succeeded', at: exchangedAt } as ProbeOutcome;
      }
      if (outcome.code === 'service-account-missing') {
        return { status: 'not-run', reason: outcome.message } as ProbeOutcome;
      }
      return {
        status: 'failed',
        at: exchangedAt,
        code: outcome.code,
        description: outcome.message,
      } as ProbeOutcome;
    });
  }
}

/** Why the token probe does not run on the cluster at all, if it does not. */
function probeSkippedOn(
  snapshot: ClusterSnapshot,
  cluster: InspectedCluster,
): string | undefined {
  const issuer = valueOf(snapshot.managedCluster)?.properties.oidcIssuerProfile;
  // No issuer: no token of the cluster's that Entra ID could trust.
  if (issuer?.enabled === false) return 'the cluster has no OIDC issuer';
  if (cluster.probeEnabled === false)
    return 'disabled for the cluster (probe.enabled: false)';
  return undefined;
}

function selectorOf(annotations: Record<string, string>): string | undefined {
  const id = annotations[KUBERNETES_ANNOTATIONS.id];
  if (id) return `${KUBERNETES_ANNOTATIONS.id}=${id}`;
  return annotations[KUBERNETES_ANNOTATIONS.labelSelector] || undefined;
}

function notRead<T>(reason: string): Promise<Read<T>> {
  return Promise.resolve({ status: 'not-found', reason });
}

function ok<T>(value: T, readAt: string): Read<T> {
  return { status: 'ok', value, readAt };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
