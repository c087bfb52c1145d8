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
  /**
   * Deletes the portal's own policies and bindings (those carrying its managed-by label) that
   * are not in `keep`, each binding before its policy. An object of one of the portal's names
   * without the label was written by someone else: it is left, and named in `foreign`.
   * Throws GuardrailListError when what is installed could not be listed (nothing was
   * deleted then). An object already gone counts as removed.
   */
  removePolicies(options: {
    keep: readonly GuardrailObjectRef[];
  }): Promise<GuardrailRemoval>;
}

/** A policy or binding, by kind and name. */
export interface GuardrailObjectRef {
  kind: string;
  name: string;
}

/** What removing the policies and bindings that are no longer expected did. */
export interface GuardrailRemoval {
  /** `Kind/name` of each of the portal's objects deleted. */
  removed: string[];
  /** `Kind/name` of each object with one of the portal's names but not its label: left. */
  foreign: string[];
}

/**
 * The cluster would not say which policies are installed (a 403 where the provisioner was
 * never granted `list`, say): nothing could be told apart, so nothing was removed.
 */
export class GuardrailListError extends Error {
  readonly name = 'GuardrailListError';
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
