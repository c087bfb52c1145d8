import type { Activation } from './activation';
import { compileExpression } from './celEnvironment';
import { celTypeName } from './celValues';
import type {
  FailurePolicy,
  ValidatingAdmissionPolicy,
  Validation,
} from './types';

/*
 * One policy evaluated for one binding and one param, after
 * k8s.io/apiserver/pkg/admission/plugin/policy/validating/validator.go and
 * webhook/matchconditions/matcher.go.
 */

export interface PolicyDecision {
  action: 'admit' | 'deny';
  evaluation: 'admit' | 'deny' | 'error';
  message: string;
  /** Set on a failed validation; absent on errors, which the dispatcher words as Invalid. */
  reason?: string;
}

export type AuditAnnotationOutcome =
  | { key: string; action: 'publish'; value: string }
  | { key: string; action: 'error'; error: string }
  | { key: string; action: 'exclude' };

export interface ValidateResult {
  /** One per validation, in order, so its index is the expressionIndex. */
  decisions: PolicyDecision[];
  auditAnnotations: AuditAnnotationOutcome[];
}

/** celconfig.MaxEvaluatedMessageExpressionSizeBytes */
const MAX_MESSAGE_BYTES = 5 * 1024;

export function validatePolicy(
  policy: ValidatingAdmissionPolicy,
  activation: Activation,
): ValidateResult {
  const failurePolicy: FailurePolicy = policy.spec.failurePolicy ?? 'Fail';
  const hasParams = policy.spec.paramKind !== undefined;
  const run = (expression: string) =>
    compileExpression(expression, { hasParams }).evaluate(activation);
  const onError = (message: string): PolicyDecision => ({
    action: failurePolicy === 'Ignore' ? 'admit' : 'deny',
    evaluation: 'error',
    message,
  });

  const conditions = matchConditions(policy, run);
  if (conditions === 'no-match') return { decisions: [], auditAnnotations: [] };
  if (conditions.length > 0) {
    if (failurePolicy === 'Ignore')
      return { decisions: [], auditAnnotations: [] };
    return {
      decisions: [onError(aggregate(conditions))],
      auditAnnotations: [],
    };
  }

  const decisions = (policy.spec.validations ?? []).map(validation => {
    const outcome = run(validation.expression);
    if ('error' in outcome) return onError(outcome.error);
    if (outcome.value === true)
      return { action: 'admit', evaluation: 'admit', message: '' } as const;
    return {
      action: 'deny',
      evaluation: 'deny',
      reason: validation.reason ?? 'Invalid',
      message: failureMessage(validation, run),
    } as const;
  });

  const auditAnnotations = (policy.spec.auditAnnotations ?? []).map(
    ({ key, valueExpression }): AuditAnnotationOutcome => {
      const outcome = run(valueExpression);
      if ('error' in outcome)
        return failurePolicy === 'Ignore'
          ? { key, action: 'exclude' }
          : { key, action: 'error', error: outcome.error };
      const value = outcome.value;
      if (value === null) return { key, action: 'exclude' };
      if (typeof value !== 'string')
        return {
          key,
          action: 'error',
          error: `valueExpression '${valueExpression}' resulted in unsupported return type: ${celTypeName(
            value,
          )}. Return type must be either string or null.`,
        };
      const trimmed = value.trim();
      return trimmed
        ? { key, action: 'publish', value: trimmed }
        : { key, action: 'exclude' };
    },
  );
  return { decisions, auditAnnotations };
}

/**
 * Any condition that is false skips the policy, whatever errors others had;
 * otherwise the errors are returned for the failure policy to judge
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#matching-requests-matchconditions).
 */
function matchConditions(
  policy: ValidatingAdmissionPolicy,
  run: (expression: string) => { value: unknown } | { error: string },
): 'no-match' | string[] {
  const errors: string[] = [];
  for (const condition of policy.spec.matchConditions ?? []) {
    const outcome = run(condition.expression);
    if ('error' in outcome) errors.push(outcome.error);
    else if (outcome.value === false) return 'no-match';
  }
  return errors;
}

/** Go's utilerrors.NewAggregate(...).Error(): one message as is, several in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * messageExpression first (a single-line string within the size limit),
 * then the static message, then `failed expression: <expression>`.
 */
function failureMessage(
  validation: Validation,
  run: (expression: string) => { value: unknown } | { error: string },
): string {
  let message = '';
  if (validation.messageExpression) {
    const outcome = run(validation.messageExpression);
    if ('value' in outcome && typeof outcome.value === 'string') {
      message = outcome.value.trim();
      if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) message = '';
      if (message.includes('\n')) message = '';
    }
  }
  if (!message && validation.message) message = validation.message.trim();
  if (!message) message = `failed expression: ${validation.expression.trim()}`;
  return message;
}
