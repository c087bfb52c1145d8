import { MANAGED_BY, MANAGED_BY_LABEL } from '../guardrailNames';
import { refKey, removalPlan } from '../guardrailRemoval';
import {
  GuardrailListError,
  GuardrailObjectRef,
  GuardrailRemoval,
  GuardrailWriter,
  StoredGrants,
} from '../GuardrailWriter';
import { GuardrailObject } from '../kubernetesObjects';

/**
 * One cluster's guardrails in memory. `log` records each write in order (shared with other
 * fakes to check what happened first); `beforeGrantWrite` lets a test change the ConfigMap
 * between a sync's read and its write, as another replica would. `lists` counts the listings
 * removal makes; `listError` and `deleteError` make them fail as the API server would.
 */
export class FakeGuardrailWriter implements GuardrailWriter {
  namespaces = new Set<string>();
  policies = new Map<string, GuardrailObject>();
  grants?: { data: Record<string, string>; version: number };
  beforeGrantWrite?: () => void;
  lists = 0;
  listError?: Error;
  deleteError?: Error;

  constructor(readonly log: string[] = []) {}

  async ensureNamespace(namespace: GuardrailObject): Promise<void> {
    if (this.namespaces.has(namespace.metadata.name)) return;
    this.namespaces.add(namespace.metadata.name);
    this.log.push(`namespace ${namespace.metadata.name}`);
  }

  async putPolicies(objects: readonly GuardrailObject[]): Promise<void> {
    for (const object of objects) {
      const key = `${object.kind}/${object.metadata.name}`;
      if (JSON.stringify(this.policies.get(key)) === JSON.stringify(object)) {
        continue;
      }
      this.policies.set(key, object);
      this.log.push(`put ${key}`);
    }
  }

  async readGrants(): Promise<StoredGrants | undefined> {
    return (
      this.grants && {
        data: { ...this.grants.data },
        resourceVersion: String(this.grants.version),
      }
    );
  }

  async writeGrants(options: {
    configMap: GuardrailObject;
    resourceVersion?: string;
  }): Promise<'written' | 'conflict'> {
    this.beforeGrantWrite?.();
    const current = this.grants && String(this.grants.version);
    if (current !== options.resourceVersion) return 'conflict';
    this.grants = {
      data: { ...(options.configMap.data as Record<string, string>) },
      version: (this.grants?.version ?? 0) + 1,
    };
    const keys = Object.keys(this.grants.data).sort();
    this.log.push(`grants ${keys.length > 0 ? keys.join(',') : '(none)'}`);
    return 'written';
  }

  async removePolicies(options: {
    keep: readonly GuardrailObjectRef[];
  }): Promise<GuardrailRemoval> {
    this.lists++;
    if (this.listError) {
      throw new GuardrailListError(this.listError.message, {
        cause: this.listError,
      });
    }
    const listed = [...this.policies.values()].map(object => ({
      kind: object.kind,
      name: object.metadata.name,
      managed: object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
    }));
    const plan = removalPlan({ listed, keep: options.keep });
    for (const ref of plan.remove) {
      if (this.deleteError) throw this.deleteError;
      this.policies.delete(refKey(ref));
      this.log.push(`delete ${refKey(ref)}`);
    }
    return {
      removed: plan.remove.map(refKey),
      foreign: plan.foreign.map(refKey),
    };
  }
}
