import { GuardrailMode } from '../config/readGuardrailConfig';
import { GuardrailRemoval } from './GuardrailWriter';

/**
 * What bringing one cluster's guardrails up to date did. `removal`, where present, names the
 * portal's policies and bindings the cluster no longer needed and that were deleted, and any
 * of the same names someone else wrote, which were left; absent when the sync did not look.
 */
export type GuardrailSyncOutcome =
  /**
   * Guardrails are off for the cluster: nothing was written or handed back, and the portal's
   * policies and bindings were removed where it had a writer.
   */
  | { kind: 'off'; removal?: GuardrailRemoval }
  /**
   * The cluster is in manifest (GitOps) mode: nothing was written; these YAML documents are
   * what the platform team commits so the cluster enforces the grants as they now are.
   */
  | {
      kind: 'manifests';
      mode: Exclude<GuardrailMode, 'off'>;
      grants: number;
      yaml: string;
    }
  /** The grants ConfigMap and the policies were written (or found already current). */
  | {
      kind: 'written';
      mode: Exclude<GuardrailMode, 'off'>;
      grants: number;
      removal?: GuardrailRemoval;
    };

/**
 * Keeps a cluster's guardrails in step with what the portal granted. The provisioner calls it
 * before a service account is pointed at an identity, so the portal's own write is admitted,
 * and revoking calls it after the annotation is taken off, so the grant is withdrawn.
 */
export interface ClusterGuardrails {
  syncCluster(cluster: string): Promise<GuardrailSyncOutcome>;
}
