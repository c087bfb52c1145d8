// The plan is part of the API's wire model, shared with the frontend and the scaffolder action.
export type {
  StepOutputRef,
  StepAction,
  EnsureIdentityStep,
  EnsureFederatedCredentialStep,
  EnsureRoleAssignmentStep,
  EnsureServiceAccountStep,
  VerifyStep,
  PlanStep,
  ApprovalReason,
  PlanNote,
  Plan,
  PlanRefusal,
  PlanOutcome,
} from '@backstage-community/plugin-azure-workload-identity-common';
