import {
  AccessRequestSpec,
  ApprovalReason,
  PlanNote,
  PlanRefusal,
  PlanStep,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * What an approval policy decides on: the request, the plan the portal made for it, and what
 * was decided before it (the built-in policy, with the trust model's decisions, runs first).
 *
 * @public
 */
export interface ApprovalPolicyInput {
  /** The request as the requester asked it, validated. */
  request: AccessRequestSpec;
  /** The component as the catalog has it: its canonical ref and its owners' refs. */
  component: { entityRef: string; owners: string[] };
  /** The plan's steps: identity, federated credential, role assignments, service account. */
  steps: PlanStep[];
  /** The role compiler's notes, e.g. a `mustNot` no built-in role meets. */
  notes: PlanNote[];
  /** From the portal's configuration of the cluster and namespace; never the requester's word. */
  environment?: 'production' | 'staging' | 'development';
  /** The trust model's decisions: another team's namespace, resource or identity. */
  ownershipReasons: ApprovalReason[];
  /** The reasons the policies before this one gave. */
  reasonsSoFar: readonly ApprovalReason[];
}

/**
 * A policy's decision. It can only add: reasons a person must approve, or refusals. What the
 * built-in policy and the trust model decided stays, whatever a policy answers.
 *
 * @public
 */
export interface ApprovalDecision {
  /** Reasons a person must approve the plan; a code of your own names each kind. */
  approvalReasons?: ApprovalReason[];
  /** Reasons no plan is made, each naming the request field to change. */
  refusals?: PlanRefusal[];
}

/**
 * Decides, beside the built-in policy, whether a plan needs a person's approval.
 *
 * @public
 */
export interface ApprovalPolicy {
  /** Names the policy in the reason given when it fails. */
  id: string;
  decide(input: ApprovalPolicyInput): Promise<ApprovalDecision>;
}
