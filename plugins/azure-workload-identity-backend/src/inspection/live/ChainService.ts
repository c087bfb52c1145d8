import type { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { CacheService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ChainBinding,
  ChainView,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { DEFAULT_HEALTH_RULES_CONFIG, HealthRulesConfig } from '../config';
import { deriveBinding } from '../derive';
import { inspect } from '../engine';
import { HealthRule } from '../rule';
import { valueOf } from '../reads';
import { InspectionSnapshot } from '../snapshot';
import { chainGuardrails } from './chainGuardrails';
import { InspectedEntity } from './LiveInspector';

/** What the chain service reads with; `forScan` shares reads across one fleet scan. */
export interface ChainInspector {
  inspect(entity: InspectedEntity): Promise<InspectionSnapshot>;
  forScan?(): ChainInspector;
  /** The inspector for a read right after a request changed the chain. */
  forChange?(): ChainInspector;
}

export interface ChainServiceOptions {
  inspector: ChainInspector;
  cache: CacheService;
  rules: readonly HealthRule[];
  /** The resource types the plugin knows, adopters' included, for the role rules. */
  resourceTypes?: readonly ResourceTypeSpec[];
  config?: Partial<HealthRulesConfig>;
  /** How long a read chain is served before it is read again. */
  ttlMs: number;
  /** A `?refresh=true` within this long of the last read is served from the cache. */
  refreshThrottleMs: number;
  now?: () => Date;
}

/**
 * Serves components' chains from the Backstage cache (in memory, or Redis when several
 * replicas share it), reading live on a miss or a refresh that the per-entity throttle lets
 * through, so viewers never fan out to Azure and the clusters.
 */
export class ChainService {
  private readonly inFlight = new Map<string, Promise<ChainView>>();
  /** Bumped by `forget`: a read begun before it must not cache what it saw. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly options: ChainServiceOptions) {}

  async chainOf(
    viewed: InspectedEntity,
    request: { refresh?: boolean } = {},
  ): Promise<ChainView & { fromCache: boolean }> {
    const entity = canonicalEntity(viewed);
    const key = `chain:${entity.entityRef}`;
    // The cache holds JSON; a ChainView is plain JSON by construction.
    const cached = (await this.options.cache.get(key)) as ChainView | undefined;
    const now = this.now();
    const fresh =
      cached &&
      (!request.refresh ||
        now.getTime() - Date.parse(cached.checkedAt) <
          this.options.refreshThrottleMs);
    if (cached && fresh) return { ...cached, fromCache: true };
    return { ...(await this.readOnce(key, entity)), fromCache: false };
  }

  /** The chain as last read, without reading: the inventory lists what scans found. */
  async cached(entityRef: string): Promise<ChainView | undefined> {
    return (await this.options.cache.get(
      `chain:${canonicalRef(entityRef)}`,
    )) as ChainView | undefined;
  }

  /**
   * Drops the entity's cached chain, so the next viewer reads it anew: a request that just
   * changed the chain must not be answered with what a scan read halfway through applying it.
   */
  async forget(given: string): Promise<void> {
    const entityRef = canonicalRef(given);
    const key = `chain:${entityRef}`;
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.inFlight.delete(key);
    // Other replicas share the cache, not this process: they learn of it from the mark.
    await this.options.cache.set(
      forgottenKey(entityRef),
      this.now().toISOString(),
      { ttl: this.options.ttlMs },
    );
    await this.options.cache.delete(key);
  }

  /** Reads an entity's chain anew. */
  async refresh(given: InspectedEntity): Promise<ChainView> {
    const entity = canonicalEntity(given);
    return this.readOnce(`chain:${entity.entityRef}`, entity);
  }

  /**
   * Reads an entity's chain anew because a request just changed it: nothing read before the
   * change, a token probe's outcome included, stands in for what is there now.
   */
  async refreshAfterChange(given: InspectedEntity): Promise<ChainView> {
    const entity = canonicalEntity(given);
    const inspector =
      this.options.inspector.forChange?.() ?? this.options.inspector;
    return this.readOnce(`chain:${entity.entityRef}`, entity, inspector);
  }

  /** One fleet scan: its refreshes share the upstream reads their components have in common. */
  startScan(): { refresh(entity: InspectedEntity): Promise<ChainView> } {
    const inspector =
      this.options.inspector.forScan?.() ?? this.options.inspector;
    return {
      refresh: given => {
        const entity = canonicalEntity(given);
        return this.readOnce(`chain:${entity.entityRef}`, entity, inspector);
      },
    };
  }

  // Viewers of one component arriving together share one read.
  private readOnce(
    key: string,
    entity: InspectedEntity,
    inspector: ChainInspector = this.options.inspector,
  ): Promise<ChainView> {
    let read = this.inFlight.get(key);
    if (!read) {
      const generation = this.generations.get(key) ?? 0;
      const startedAt = this.now().getTime();
      const started: Promise<ChainView> = this.read(entity, inspector)
        .then(async view => {
          // Forgotten meanwhile (a request changed the chain), here or on another replica:
          // what this read saw may be old. Strictly after: the re-read a change starts at once
          // may begin within the same millisecond, and must be kept.
          const forgottenAt = (await this.options.cache.get(
            forgottenKey(entity.entityRef),
          )) as string | undefined;
          const forgotten =
            (this.generations.get(key) ?? 0) !== generation ||
            (forgottenAt !== undefined && Date.parse(forgottenAt) > startedAt);
          if (!forgotten) {
            await this.options.cache.set(key, view as any, {
              ttl: this.options.ttlMs,
            });
          }
          return view;
        })
        .finally(() => {
          if (this.inFlight.get(key) === started) this.inFlight.delete(key);
        });
      read = started;
      this.inFlight.set(key, read);
    }
    return read;
  }

  private async read(
    entity: InspectedEntity,
    inspector: ChainInspector,
  ): Promise<ChainView> {
    const now = this.now();
    const snapshot = await inspector.inspect(entity);
    const result = inspect({
      snapshot,
      rules: this.options.rules,
      resourceTypes: this.options.resourceTypes,
      config: this.options.config,
      now,
    });
    return {
      entityRef: entity.entityRef,
      checkedAt: now.toISOString(),
      links: result.links,
      findings: result.findings,
      bindings: bindingsOf(snapshot, {
        ...DEFAULT_HEALTH_RULES_CONFIG,
        ...this.options.config,
      }),
      ...withGuardrails(snapshot),
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function withGuardrails(snapshot: InspectionSnapshot): Partial<ChainView> {
  const guardrails = chainGuardrails(snapshot);
  return guardrails ? { guardrails } : {};
}

function bindingsOf(
  snapshot: InspectionSnapshot,
  config: HealthRulesConfig,
): ChainBinding[] {
  return snapshot.bindings.map(binding => {
    const workload = valueOf(binding.workload);
    const pods = valueOf(binding.pods) ?? [];
    const sa =
      pods[0]?.spec.serviceAccountName ||
      workload?.template.spec.serviceAccountName ||
      'default';
    const serviceAccount = valueOf(
      snapshot.clusters.find(c => c.name === binding.cluster)?.serviceAccounts[
        binding.namespace
      ],
    )?.find(s => s.metadata.name === sa);
    const identity = valueOf(binding.identity);
    return {
      usesWorkloadIdentity: deriveBinding(snapshot, binding, config)
        .usesWorkloadIdentity,
      cluster: binding.cluster,
      namespace: binding.namespace,
      workload: workload
        ? `${workload.kind.toLowerCase()}/${workload.metadata.name}`
        : undefined,
      pods: pods.length,
      serviceAccount: sa,
      clientId:
        serviceAccount?.metadata.annotations?.[
          'azure.workload.identity/client-id'
        ],
      identity: identity && {
        name: identity.name,
        id: identity.id,
        clientId: identity.properties.clientId,
        principalId: identity.properties.principalId,
      },
      federatedCredentials: (valueOf(binding.federatedCredentials) ?? []).map(
        f => ({
          name: f.name,
          issuer: f.properties.issuer,
          subject: f.properties.subject,
        }),
      ),
      roleAssignments: (valueOf(binding.roleAssignments) ?? []).map(a => ({
        roleDefinitionId: a.properties.roleDefinitionId,
        scope: a.properties.scope,
      })),
      targets: binding.targets.map(t => ({
        resourceId: t.resourceId,
        intent: t.intent,
      })),
    };
  });
}

// Cache, throttle, shared reads and the answer all use the catalog's one spelling of a ref:
// `component:DEFAULT/Orders-API` is the same chain as `component:default/orders-api`, not a
// second one that a caller could read live by changing the case.
function canonicalRef(entityRef: string): string {
  return stringifyEntityRef(parseEntityRef(entityRef));
}

function canonicalEntity(entity: InspectedEntity): InspectedEntity {
  return { ...entity, entityRef: canonicalRef(entity.entityRef) };
}

/** When a request last changed the entity's chain, as every replica sees it. */
function forgottenKey(entityRef: string): string {
  return `chain-forgotten:${entityRef}`;
}
