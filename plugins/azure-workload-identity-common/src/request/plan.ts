/**
 * The plan: what the provisioner will do, step by step, in the order it does it. Every step
 * says what it touches and, in `why`, the reason in plain language for the person approving.
 */

/**
 * A value only the apply run knows, e.g. the client id of an identity it creates.
 *
 * @public
 */
export interface StepOutputRef {
  fromStep: string;
  output: 'clientId' | 'principalId' | 'tenantId';
}

/**
 * `create` makes it, `adopt` uses what exists unchanged, `update` corrects what exists.
 *
 * @public
 */
export type StepAction = 'create' | 'adopt' | 'update';

/**
 * What every plan step has.
 *
 * @public
 */
export interface StepBase {
  /** Stable within a plan; the provisioner records the last applied step by this id. */
  id: string;
  why: string;
}

/** @public */
export interface EnsureIdentityStep extends StepBase {
  kind: 'ensure-identity';
  action: 'create' | 'adopt';
  name: string;
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  tags: Record<string, string>;
}

/** @public */
export interface EnsureFederatedCredentialStep extends StepBase {
  kind: 'ensure-federated-credential';
  action: StepAction;
  identityResourceId: string;
  name: string;
  issuer: string;
  subject: string;
  audience: string;
}

/** @public */
export interface EnsureRoleAssignmentStep extends StepBase {
  kind: 'ensure-role-assignment';
  action: 'create' | 'adopt';
  roleName: string;
  roleId: string;
  scope: string;
  privileged: boolean;
}

/** @public */
export interface EnsureServiceAccountStep extends StepBase {
  kind: 'ensure-service-account';
  cluster: string;
  namespace: string;
  name: string;
  annotations: Record<string, string | StepOutputRef>;
  labels: Record<string, string>;
}

/** @public */
export interface VerifyStep extends StepBase {
  kind: 'verify';
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  issuer: string;
  audience: string;
}

/** @public */
export type PlanStep =
  | EnsureIdentityStep
  | EnsureFederatedCredentialStep
  | EnsureRoleAssignmentStep
  | EnsureServiceAccountStep
  | VerifyStep;

/** @public */
export interface ApprovalReason {
  /** One of the portal's codes, or a code of an adopter's approval policy. */
  code: ApprovalReasonCode | (string & {});
  message: string;
}

/**
 * Why a person must approve a plan. The first group is about the roles (what they let the
 * workload do), the second about ownership (whose things the plan touches).
 *
 * @public
 */
export type ApprovalReasonCode =
  | 'privileged-role'
  | 'data-owner-role'
  | 'grants-access-role'
  | 'wildcard-actions'
  | 'broad-scope'
  | 'production'
  | 'environment-unknown'
  | 'must-not-unmet'
  | 'other-team-resource'
  | 'other-team-namespace'
  | 'namespace-unowned'
  | 'other-component-identity'
  | 'identity-unowned';

/**
 * A note from the role compiler, tied to the resource it is about.
 *
 * @public
 */
export interface PlanNote {
  field: string;
  level: 'info' | 'warning';
  code: string;
  message: string;
}

/** @public */
export interface Plan {
  /** `sha256:<hex>` of the canonical steps; an approval binds to it. */
  planHash: string;
  steps: PlanStep[];
  requiresApproval: boolean;
  approvalReasons: ApprovalReason[];
  notes: PlanNote[];
  /**
   * The environment the portal's configuration gives the cluster and namespace; never what the
   * requester typed. Absent when the configuration does not say.
   */
  environment?: 'production' | 'staging' | 'development';
}

/**
 * Why no plan can be made; `field` names the input the requester should change.
 *
 * @public
 */
export interface PlanRefusal {
  field: string;
  message: string;
}

/** @public */
export type PlanOutcome =
  | { ok: true; plan: Plan }
  | { ok: false; refusals: PlanRefusal[] };
