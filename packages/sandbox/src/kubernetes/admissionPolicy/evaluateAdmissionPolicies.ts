import { createActivation } from './activation';
import { MatchError, matchesResources } from './matching';
import { collectParams, ParamError, unknownParamKindMessage } from './params';
import type {
  AdmissionPolicyInput,
  AdmissionVerdict,
  ParamScope,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from './types';
import { validatePolicy } from './validate';
import { VerdictBuilder } from './verdict';

/**
 * Runs every ValidatingAdmissionPolicy that has a binding against one
 * request, as kube-apiserver's ValidatingAdmissionPolicy plugin does
 * (k8s.io/apiserver/pkg/admission/plugin/policy/validating/dispatcher.go,
 * https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/):
 *
 * - a policy applies when its matchConstraints select the request, and each
 *   of its bindings when the binding's matchResources also do;
 * - each (policy, binding, param) tuple is validated; a failed validation is
 *   enforced by the binding's validationActions (Deny, Warn, Audit);
 * - a misconfiguration (unknown paramKind, missing param with `Deny`,
 *   unresolvable namespace) denies under `failurePolicy: Fail` whatever the
 *   validationActions, and is ignored under `Ignore`, as the dispatcher does;
 * - the first denial is the answer.
 *
 * Pure: everything it reads comes in `input`.
 */
export function evaluateAdmissionPolicies(
  input: AdmissionPolicyInput,
): AdmissionVerdict {
  const verdict = new VerdictBuilder();
  for (const policy of input.policies) {
    const bindings = input.bindings.filter(
      b => b.spec?.policyName === policy.metadata.name,
    );
    // Kubernetes builds no hook for a policy without bindings.
    if (bindings.length > 0) runPolicy(input, policy, bindings, verdict);
  }
  return verdict.build(input.attributes);
}

function runPolicy(
  input: AdmissionPolicyInput,
  policy: ValidatingAdmissionPolicy,
  bindings: ValidatingAdmissionPolicyBinding[],
  verdict: VerdictBuilder,
) {
  const policyName = policy.metadata.name;
  const ignoreErrors = policy.spec.failurePolicy === 'Ignore';
  const configError = (message: string, binding?: string) => {
    if (ignoreErrors) return;
    verdict.deny({
      policy: policyName,
      binding,
      message: binding
        ? `failed to configure binding: ${message}`
        : `failed to configure policy: ${message}`,
    });
  };
  const matchInput = {
    attributes: input.attributes,
    namespaceObject: input.namespaceObject,
  };

  const constraints = policy.spec.matchConstraints;
  if (!constraints) {
    configError('policy contained no match constraints, a required field');
    return;
  }
  try {
    if (!matchesResources(constraints, matchInput, { isBinding: false }))
      return;
  } catch (e) {
    if (!(e instanceof MatchError)) throw e;
    configError(e.message);
    return;
  }

  const paramKind = policy.spec.paramKind;
  let scope: ParamScope = 'Cluster';
  if (paramKind) {
    const known = input.params.scopeOf(paramKind);
    if (!known) {
      configError(unknownParamKindMessage(paramKind));
      return;
    }
    scope = known;
  }

  const policyAnnotations = new Map<string, string[]>();
  for (const binding of bindings) {
    const bindingName = binding.metadata.name;
    let params;
    try {
      const narrowing = binding.spec.matchResources;
      if (
        narrowing &&
        !matchesResources(narrowing, matchInput, { isBinding: true })
      )
        continue;
      params = collectParams({
        paramKind,
        paramRef: binding.spec.paramRef,
        namespace: input.attributes.namespace,
        source: input.params,
        scope,
      });
    } catch (e) {
      if (!(e instanceof MatchError || e instanceof ParamError)) throw e;
      configError(e.message, bindingName);
      continue;
    }

    for (const param of params) {
      const activation = createActivation({
        attributes: input.attributes,
        namespaceObject: input.namespaceObject,
        params: paramKind ? { kind: paramKind, object: param } : undefined,
        variables: policy.spec.variables ?? [],
      });
      const result = validatePolicy(policy, activation);
      result.decisions.forEach((decision, expressionIndex) => {
        if (decision.action !== 'deny') return;
        const actions = binding.spec.validationActions ?? [];
        for (const action of actions) {
          if (action === 'Deny')
            verdict.deny({
              policy: policyName,
              binding: bindingName,
              message: decision.message,
              reason: decision.reason,
            });
          else if (action === 'Warn')
            verdict.warn(policyName, bindingName, decision.message);
          else if (action === 'Audit')
            verdict.auditFailure({
              policy: policyName,
              binding: bindingName,
              expressionIndex,
              message: decision.message,
              validationActions: actions,
            });
        }
      });
      for (const annotation of result.auditAnnotations) {
        if (annotation.action === 'publish')
          VerdictBuilder.addPolicyAnnotation(
            policyAnnotations,
            annotation.key,
            annotation.value,
          );
        // An audit annotation that fails under `Fail` denies, whatever the actions.
        else if (annotation.action === 'error')
          verdict.deny({
            policy: policyName,
            binding: bindingName,
            message: annotation.error,
          });
      }
    }
  }
  verdict.publishPolicyAnnotations(policyName, policyAnnotations);
}
