/**
 * The answer of `GET /self-check`: what the portal's own identity can and cannot do with the
 * configured credentials, per place, and what to run to grant what is missing.
 *
 * @public
 */
export interface SelfCheckReport {
  checkedAt: string;
  /** The portal's principal as Entra ID issued its token, when it could sign in. */
  principal?: { objectId?: string; appId?: string };
  /** Whether everything for that purpose is granted (false when missing or unknown). */
  ready: { inspection: boolean; provisioning: boolean };
  checks: SelfCheckItem[];
}

/** @public */
export type SelfCheckStatus = 'granted' | 'missing' | 'unknown';

/** @public */
export interface SelfCheckItem {
  area: 'azure' | 'kubernetes';
  purpose: 'inspection' | 'provisioning';
  /** Where, e.g. `resource group rg-workload-identities (subscription …)` or `cluster aks-dev`. */
  scope: string;
  /** As whom, e.g. `the portal's Azure identity` or `system:serviceaccount:backstage-system:backstage-reader`. */
  as: string;
  status: SelfCheckStatus;
  /** Azure actions, or Kubernetes permissions as `list pods`, that are missing. */
  missing: string[];
  granted: string[];
  /** Why it could not be checked, for `unknown`. */
  reason?: string;
  /** The command that grants what is missing. */
  fix?: string;
}
