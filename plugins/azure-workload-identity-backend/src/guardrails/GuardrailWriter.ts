import { GuardrailObject } from './kubernetesObjects';

/** The grants ConfigMap as the cluster holds it. */
export interface StoredGrants {
  data: Record<string, string>;
  /** What a write must name so that a concurrent write in between is refused, not lost. */
  resourceVersion: string;
}

/**
 * The writes of one cluster's guardrails, in the portal's terms. Each is idempotent: writing
 * what is already there changes nothing.
 */
export interface GuardrailWriter {
  /** Creates the namespace the grants live in, unless it exists. */
  ensureNamespace(namespace: GuardrailObject): Promise<void>;
  /**
   * Creates each ValidatingAdmissionPolicy and binding, or replaces the one there when it
   * differs from what is given; in the order given, so a binding never names a policy that
   * is not there yet.
   */
  putPolicies(objects: readonly GuardrailObject[]): Promise<void>;
  /** Undefined when the ConfigMap does not exist. */
  readGrants(): Promise<StoredGrants | undefined>;
  /**
   * Writes the grants ConfigMap: replaces the one read at `resourceVersion`, or creates it when
   * none was read. `conflict` when it changed (or appeared) since it was read.
   */
  writeGrants(options: {
    configMap: GuardrailObject;
    resourceVersion?: string;
  }): Promise<'written' | 'conflict'>;
}

/** One of the portal's policies or bindings as installed: its digest tells an outdated copy. */
export interface InstalledGuardrailObject {
  kind: string;
  name: string;
  /** The `guardrail-version` annotation; absent on an object someone else wrote. */
  version?: string;
}

/** What a cluster holds of the portal's guardrails, for the card and the health rules. */
export interface GuardrailReader {
  readInstalled(): Promise<{
    objects: InstalledGuardrailObject[];
    grants?: StoredGrants;
  }>;
}
