import { KUBERNETES_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { TokenExchangeProbe } from '../../clients/ProvisioningClients';
import { GuardrailExpectations } from '../../guardrails/inspectedGuardrails';
import { environmentOf } from '../../planning/environmentOf';
import { ManagedIdentity } from '../azureTypes';
import { ArmReads } from '../ports';
import { valueOf } from '../reads';
import {
  BindingSnapshot,
  ClusterSnapshot,
  IdentityRequest,
  InspectionSnapshot,
  IssuerHistoryEntry,
  RequestRecordFacts,
} from '../snapshot';
import { clusterWideReads } from './clusterWideReads';
import { LiveBindingReader } from './LiveBindingReader';
import { LiveClusterStateReader } from './LiveClusterStateReader';
import { LiveProbeReader } from './LiveProbeReader';
import {
  BindingReader,
  ClusterStateReader,
  InspectedCluster,
  InspectedEntity,
  Once,
  onceIn,
} from './readers';
import { readCustomRoles } from './readCustomRoles';
import { readOutcome } from './readOutcome';
import { sharedReads } from './sharedReads';
import { withSubjectWorkloads } from './subjectWorkloads';
import { subscriptionWideReads } from './subscriptionWideReads';

export type { InspectedCluster, InspectedEntity } from './readers';

export interface LiveInspectorOptions {
  clusters: InspectedCluster[];
  azure: ArmReads;
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
   * Every component's requests whose plan uses the identity (read `O3`), so a shared identity is
   * counted even where its other holders' workloads are not in sight.
   */
  requestsOfIdentity?(identityId: string): Promise<IdentityRequest[]>;
  /** Issuers each cluster had before (read `O5`). */
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
   * `healthRules.inspectSecrets`: list each namespace's Secrets (read `K11`), keeping key names only,
   * to find credentials left behind after a move to workload identity.
   */
  inspectSecrets?: boolean;
  /** A private CA for issuers' discovery documents (the sandbox's). */
  issuerCa?: string;
  /** The guardrail settings and grants (read `K12`); without them guardrails are not read. */
  guardrails?: GuardrailExpectations;
  now?: () => Date;
}

/**
 * Reads one component's identity chain across every configured cluster and subscription into
 * an `InspectionSnapshot`: independent reads in parallel, each with its outcome, so a read
 * that fails makes its link unknown instead of guessing. The cluster, binding and probe
 * readers do the reading; this puts their answers together.
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
    const once = onceIn(this.shared ?? new Map());
    const { options } = this;
    const now = options.now?.() ?? new Date();
    const [requests, issuerHistory, identityInventory] = await Promise.all([
      readOutcome('request records', () =>
        options.requestsOf(entity.entityRef),
      ),
      readOutcome('issuer history', () => options.issuerHistory()),
      this.readInventory(),
    ]);
    const records = valueOf(requests) ?? [];
    const readers = this.readers(once);
    const perCluster = await Promise.all(
      options.clusters.map(cluster =>
        this.readCluster({
          readers,
          cluster,
          entity,
          records: records.filter(r => r.cluster === cluster.name),
          inventory: identityInventory.flatMap(
            s => valueOf(s.identities) ?? [],
          ),
          now,
        }),
      ),
    );
    const clusters = perCluster.map(c => c.snapshot);
    const bindings = await withSubjectWorkloads({
      clusters: options.clusters,
      snapshots: clusters,
      bindings: perCluster.flatMap(c => c.bindings),
    });
    return {
      entityRef: entity.entityRef,
      entity: { status: 'ok', value: { annotations: entity.annotations } },
      requests,
      issuerHistory,
      identityInventory,
      roleDefinitions: await readCustomRoles({
        azure: options.azure,
        once,
        bindings,
        subscriptionId: options.subscriptionIds[0] ?? '',
        now,
      }),
      clusters,
      bindings,
    };
  }

  /** The identities of every configured subscription: bindings find theirs by client id. */
  private readInventory(): Promise<InspectionSnapshot['identityInventory']> {
    const { azure, subscriptionIds } = this.options;
    return Promise.all(
      [...new Set(subscriptionIds)].map(async subscriptionId => ({
        subscriptionId,
        identities: await readOutcome(
          `identities of subscription ${subscriptionId}`,
          () => azure.listIdentities(subscriptionId),
        ),
      })),
    );
  }

  private readers(once: Once): {
    clusters: ClusterStateReader;
    bindings: BindingReader;
  } {
    const { options } = this;
    const probe = new LiveProbeReader({
      exchange: options.probe,
      tenantId: options.tenantId,
    });
    return {
      clusters: new LiveClusterStateReader({
        azure: options.azure,
        once,
        probe,
        issuerCa: options.issuerCa,
        guardrails: options.guardrails,
      }),
      bindings: new LiveBindingReader({
        azure: options.azure,
        once,
        probe,
        subscriptionIds: options.subscriptionIds,
        zoneSubscriptionIds: options.zoneSubscriptionIds,
        inspectSecrets: options.inspectSecrets,
        requestsOfIdentity: options.requestsOfIdentity,
      }),
    };
  }

  /** The cluster as the component sees it, then a binding for each place it has there. */
  private async readCluster(input: {
    readers: { clusters: ClusterStateReader; bindings: BindingReader };
    cluster: InspectedCluster;
    entity: InspectedEntity;
    records: RequestRecordFacts[];
    inventory: ManagedIdentity[];
    now: Date;
  }): Promise<{ snapshot: ClusterSnapshot; bindings: BindingSnapshot[] }> {
    const { readers, cluster, entity, records } = input;
    const selector = selectorOf(entity.annotations);
    const { snapshot, places } = await readers.clusters.read({
      cluster,
      selector,
      namespace: entity.annotations[KUBERNETES_ANNOTATIONS.namespace],
      records,
    });
    const bindings = await Promise.all(
      places.map(async place =>
        withEnvironment(
          cluster,
          await readers.bindings.read({
            cluster,
            clusterSnapshot: snapshot,
            place,
            selector,
            records,
            entity,
            inventory: input.inventory,
            now: input.now,
          }),
        ),
      ),
    );
    return { snapshot, bindings };
  }
}

/** The binding with the environment configuration gives its namespace, when it gives one. */
function withEnvironment(
  cluster: InspectedCluster,
  binding: BindingSnapshot,
): BindingSnapshot {
  const environment = environmentOf(cluster, binding.namespace);
  return environment ? { ...binding, environment } : binding;
}

/** The component's label selector: its kubernetes-id, else the selector it gives. */
function selectorOf(annotations: Record<string, string>): string | undefined {
  const id = annotations[KUBERNETES_ANNOTATIONS.id];
  if (id) return `${KUBERNETES_ANNOTATIONS.id}=${id}`;
  return annotations[KUBERNETES_ANNOTATIONS.labelSelector] || undefined;
}
