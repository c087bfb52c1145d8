import { PlanStep } from '../planning/Plan';
import { JsonObject } from '../requests/types';
import { applyFederatedCredentialStep } from './steps/applyFederatedCredentialStep';
import { applyIdentityStep } from './steps/applyIdentityStep';
import { applyRoleAssignmentStep } from './steps/applyRoleAssignmentStep';
import { applyServiceAccountStep } from './steps/applyServiceAccountStep';
import { applyVerifyStep } from './steps/applyVerifyStep';
import { StepContext } from './steps/StepContext';

/** Runs one step of a plan; every step is idempotent, so running it again is safe. */
export function applyStep(
  step: PlanStep,
  context: StepContext,
): Promise<JsonObject> {
  switch (step.kind) {
    case 'ensure-identity':
      return applyIdentityStep(step, context);
    case 'ensure-federated-credential':
      return applyFederatedCredentialStep(step, context);
    case 'ensure-role-assignment':
      return applyRoleAssignmentStep(step, context);
    case 'ensure-service-account':
      return applyServiceAccountStep(step, context);
    case 'verify':
      return applyVerifyStep(step, context);
    default: {
      const unknown: never = step;
      throw new Error(`unknown plan step ${JSON.stringify(unknown)}`);
    }
  }
}
