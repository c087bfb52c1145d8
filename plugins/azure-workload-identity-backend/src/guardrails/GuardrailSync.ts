import { LoggerService } from '@backstage/backend-plugin-api';
import { GuardrailSettings } from '../config/readGuardrailConfig';
import { ClusterGuardrails, GuardrailSyncOutcome } from './ClusterGuardrails';
import { Grant, grantsConfigMap } from './grantsConfigMap';
import {
  expectedGuardrailPolicies,
  GuardrailCluster,
  guardrailManifests,
  toYamlDocuments,
} from './guardrailManifests';
import { GuardrailPruner, LookForLeftovers } from './GuardrailPruner';
import { GuardrailWriter } from './GuardrailWriter';
import { GuardrailObject } from './kubernetesObjects';

const GRANT_WRITE_ATTEMPTS = 5;

export type GuardrailEngine = 'admission-policy' | 'kyverno';

/** The objects a cluster should hold, as the guardrail route hands them out. */
export interface ExpectedGuardrails {
  cluster: string;
  settings: GuardrailSettings;
  grants: number;
  objects: GuardrailObject[];
}

/** What the guardrail route reads: which clusters there are and what each should hold. */
export interface GuardrailManifestSource {
  clusterNames(): string[];
  /** Undefined for a cluster that is not configured. */
  expected(options: {
    cluster: string;
    engine: GuardrailEngine;
  }): Promise<ExpectedGuardrails | undefined>;
}

export interface GuardrailSyncOptions {
  clusters: readonly GuardrailCluster[];
  settingsOf(cluster: string): GuardrailSettings;
  /** The grants of a cluster as the stores have them now (see grantsOfCluster). */
  grantsOf(cluster: string): Promise<Grant[]>;
  /** The cluster's writer; undefined for a cluster in manifest (GitOps) mode. */
  writerFor(cluster: string): GuardrailWriter | undefined;
  logger?: LoggerService;
}

/**
 * Brings a cluster's guardrails in line with the settings and the grants: the portal's
 * namespace, the grants ConfigMap, then the policies and bindings that read it, then the
 * removal of the portal's policies the settings no longer ask for (GuardrailPruner). The
 * grants go first so that a policy installed for the first time finds them, and the portal's
 * own service account write that follows a sync is admitted. The ConfigMap is always written
 * whole from the stores, so a revoked grant disappears; a write that lost a race with another
 * replica reads and computes again. Syncs of one cluster in this process take turns, which
 * keeps those races rare. A GitOps cluster gets the full expected set as YAML: removing what
 * it should no longer hold is its repository's job.
 */
export class GuardrailSync
  implements ClusterGuardrails, GuardrailManifestSource
{
  private readonly clusters: Map<string, GuardrailCluster>;
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly pruner: GuardrailPruner;

  constructor(private readonly options: GuardrailSyncOptions) {
    this.clusters = new Map(options.clusters.map(c => [c.name, c]));
    this.pruner = new GuardrailPruner(options.logger);
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  /** A request's sync: leftovers are looked for once per process (see GuardrailPruner). */
  async syncCluster(name: string): Promise<GuardrailSyncOutcome> {
    return this.sync(name, 'once');
  }

  /**
   * Every configured cluster in turn, off ones included so that switching a cluster off takes
   * effect at the next run; one that fails is logged and the others go on.
   */
  async syncAll(): Promise<void> {
    for (const name of this.clusterNames()) {
      try {
        await this.sync(name, 'always');
      } catch (error) {
        this.options.logger?.warn(
          `Could not bring the guardrails of cluster ${name} up to date: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
  }

  private async sync(
    name: string,
    look: LookForLeftovers,
  ): Promise<GuardrailSyncOutcome> {
    const settings = this.options.settingsOf(name);
    if (settings.mode === 'off') return this.syncOff(name, look);
    const cluster = this.known(name);
    const mode = settings.mode;
    const writer = this.options.writerFor(name);
    if (!writer) {
      const grants = await this.options.grantsOf(name);
      return {
        kind: 'manifests',
        mode,
        grants: grants.length,
        yaml: toYamlDocuments(
          guardrailManifests({
            cluster,
            settings,
            grants,
            engine: 'admission-policy',
          }),
        ),
      };
    }
    return this.inTurn(name, async () => {
      const [namespace] = guardrailManifests({
        cluster,
        settings,
        grants: [],
        engine: 'admission-policy',
      });
      await writer.ensureNamespace(namespace);
      const grants = await this.writeGrants(name, writer);
      const policies = expectedGuardrailPolicies(cluster, settings);
      await writer.putPolicies(policies);
      const removal = await this.pruner.prune({
        cluster: name,
        writer,
        keep: policies.map(p => ({ kind: p.kind, name: p.metadata.name })),
        look,
        mode,
      });
      return {
        kind: 'written' as const,
        mode,
        grants,
        ...(removal && { removal }),
      };
    });
  }

  /**
   * Off takes out every policy and binding of the portal, so none is left refusing writes.
   * The namespace and the grants ConfigMap stay: they refuse nothing by themselves, they hold
   * what the requests granted, and a later switch to audit or deny finds them in place, so
   * its first policies admit the service accounts already provisioned.
   */
  private async syncOff(
    name: string,
    look: LookForLeftovers,
  ): Promise<GuardrailSyncOutcome> {
    // Off promises nothing, so a cluster the configuration does not describe is not an error;
    // without a writer (GitOps, or no provisioner) the portal wrote nothing there to remove.
    const writer = this.clusters.has(name)
      ? this.options.writerFor(name)
      : undefined;
    if (!writer || !this.pruner.willLook({ cluster: name, keep: [], look })) {
      return { kind: 'off' };
    }
    return this.inTurn(name, async () => {
      const removal = await this.pruner.prune({
        cluster: name,
        writer,
        keep: [],
        look,
        mode: 'off',
      });
      return removal
        ? { kind: 'off' as const, removal }
        : { kind: 'off' as const };
    });
  }

  async expected(options: {
    cluster: string;
    engine: GuardrailEngine;
  }): Promise<ExpectedGuardrails | undefined> {
    const cluster = this.clusters.get(options.cluster);
    if (!cluster) return undefined;
    const settings = this.options.settingsOf(cluster.name);
    const grants = await this.options.grantsOf(cluster.name);
    return {
      cluster: cluster.name,
      settings,
      grants: grants.length,
      objects: guardrailManifests({
        cluster,
        settings,
        grants,
        engine: options.engine,
      }),
    };
  }

  /**
   * Reads the ConfigMap's version before computing the grants: a write by another replica
   * after that read makes ours fail with a conflict, and a write before it was computed from
   * stores that already held everything ours holds.
   */
  private async writeGrants(
    cluster: string,
    writer: GuardrailWriter,
  ): Promise<number> {
    for (let attempt = 1; attempt <= GRANT_WRITE_ATTEMPTS; attempt++) {
      const stored = await writer.readGrants();
      const grants = await this.options.grantsOf(cluster);
      const configMap = grantsConfigMap(grants);
      if (stored && sameData(stored.data, configMap.data)) {
        return grants.length;
      }
      const written = await writer.writeGrants({
        configMap,
        resourceVersion: stored?.resourceVersion,
      });
      if (written === 'written') return grants.length;
    }
    throw new Error(
      `the grants ConfigMap of cluster ${cluster} kept changing while it was being written (${GRANT_WRITE_ATTEMPTS} attempts); the step is retried on the next run`,
    );
  }

  private known(name: string): GuardrailCluster {
    const cluster = this.clusters.get(name);
    if (!cluster) throw new Error(`cluster '${name}' is not configured`);
    return cluster;
  }

  private inTurn<T>(cluster: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(cluster) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    this.turns.set(cluster, mine);
    const forget = () => {
      if (this.turns.get(cluster) === mine) this.turns.delete(cluster);
    };
    mine.then(forget, forget);
    return mine;
  }
}

function sameData(a: Record<string, string>, b: unknown): boolean {
  const other = (b ?? {}) as Record<string, string>;
  const keys = new Set([...Object.keys(a), ...Object.keys(other)]);
  return [...keys].every(key => a[key] === other[key]);
}
