import { KubeObject } from './types';
import {
  compileErrors,
  duplicate,
  forbidden,
  goSlice,
  invalidValue,
  isBlank,
  notSupported,
  Path,
  quote,
  required,
  validateMatchResources,
} from './admissionPolicyFields';
import { FieldCause } from './api/status';

/*
 * What kube-apiserver refuses on create and update of ValidatingAdmissionPolicy and
 * ValidatingAdmissionPolicyBinding, worded as
 * kubernetes/kubernetes pkg/apis/admissionregistration/validation/validation.go words it
 * (`field.ErrorList` rendered by apimachinery's field.Error). It runs on the defaulted object
 * (failurePolicy, matchPolicy, selectors), as the real server validates after defaulting.
 * CEL is checked for syntax and undeclared variables only (no schema type checking); the
 * text after `compilation failed:` is the CEL library's.
 */

function validateNamedExpressions(
  list: any[],
  path: Path,
  hasParams: boolean,
  detail: { name: string; expression: string; uniqueNames: boolean },
): FieldCause[] {
  const causes: FieldCause[] = [];
  const names = new Set<string>();
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (isBlank(item?.expression))
      causes.push(required(`${at}.expression`, detail.expression));
    else
      causes.push(
        ...compileErrors(`${at}.expression`, item.expression, hasParams),
      );
    if (isBlank(item?.name)) causes.push(required(`${at}.name`, detail.name));
    else if (detail.uniqueNames && names.has(item.name))
      causes.push(duplicate(`${at}.name`, item.name));
    else names.add(item.name);
  });
  return causes;
}

function validateValidation(
  validation: any,
  path: Path,
  hasParams: boolean,
): FieldCause[] {
  const causes: FieldCause[] = [];
  const { expression, messageExpression, message, reason } = validation ?? {};
  if (isBlank(expression))
    causes.push(required(`${path}.expression`, 'expression is not specified'));
  else
    causes.push(...compileErrors(`${path}.expression`, expression, hasParams));
  if (typeof messageExpression === 'string' && messageExpression.length > 0) {
    if (messageExpression.trim() === '')
      causes.push(
        invalidValue(
          `${path}.messageExpression`,
          quote(messageExpression),
          'must be non-empty if specified',
        ),
      );
    else
      causes.push(
        ...compileErrors(
          `${path}.messageExpression`,
          messageExpression,
          hasParams,
        ),
      );
  }
  if (typeof message === 'string' && message.length > 0) {
    if (message.trim() === '')
      causes.push(
        invalidValue(
          `${path}.message`,
          quote(message),
          'message must be non-empty if specified',
        ),
      );
    else if (/[\n\r]/.test(message.trim()))
      causes.push(
        invalidValue(
          `${path}.message`,
          quote(message),
          'message must not contain line breaks',
        ),
      );
  }
  const reasons = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
  if (reason !== undefined && !reasons.includes(reason))
    causes.push(notSupported(`${path}.reason`, reason, reasons));
  return causes;
}

function validatePolicySpec(spec: any): FieldCause[] {
  const causes: FieldCause[] = [];
  const failurePolicies = ['Fail', 'Ignore'];
  if (spec.failurePolicy === undefined)
    causes.push(required('spec.failurePolicy'));
  else if (!failurePolicies.includes(spec.failurePolicy))
    causes.push(
      notSupported('spec.failurePolicy', spec.failurePolicy, failurePolicies),
    );
  const hasParams = spec.paramKind !== undefined && spec.paramKind !== null;
  if (hasParams) {
    if (isBlank(spec.paramKind.apiVersion))
      causes.push(required('spec.paramKind.apiVersion'));
    if (isBlank(spec.paramKind.kind))
      causes.push(required('spec.paramKind.kind'));
  }
  if (!spec.matchConstraints) causes.push(required('spec.matchConstraints'));
  else {
    causes.push(
      ...validateMatchResources(spec.matchConstraints, 'spec.matchConstraints'),
    );
    // At least one resourceRule gives the expressions their type information.
    if ((spec.matchConstraints.resourceRules ?? []).length === 0)
      causes.push(required('spec.matchConstraints.resourceRules'));
  }
  causes.push(
    ...validateNamedExpressions(
      spec.matchConditions ?? [],
      'spec.matchConditions',
      hasParams,
      { name: '', expression: '', uniqueNames: true },
    ),
  );
  causes.push(
    ...validateNamedExpressions(
      spec.variables ?? [],
      'spec.variables',
      hasParams,
      {
        name: 'name is not specified',
        expression: 'expression is not specified',
        uniqueNames: false,
      },
    ),
  );
  const validations: any[] = spec.validations ?? [];
  const annotations: any[] = spec.auditAnnotations ?? [];
  if (validations.length === 0 && annotations.length === 0) {
    const detail =
      'validations or auditAnnotations must contain at least one item';
    causes.push(required('spec.validations', detail));
    causes.push(required('spec.auditAnnotations', detail));
    return causes;
  }
  validations.forEach((v, i) =>
    causes.push(...validateValidation(v, `spec.validations[${i}]`, hasParams)),
  );
  const keys = new Set<string>();
  annotations.forEach((a, i) => {
    const at = `spec.auditAnnotations[${i}]`;
    if (isBlank(a?.valueExpression))
      causes.push(
        required(`${at}.valueExpression`, 'valueExpression is not specified'),
      );
    else
      causes.push(
        ...compileErrors(`${at}.valueExpression`, a.valueExpression, hasParams),
      );
    if (keys.has(a?.key)) causes.push(duplicate(`${at}.key`, a.key));
    keys.add(a?.key);
  });
  return causes;
}

function validateParamRef(ref: any, path: Path): FieldCause[] {
  if (!ref) return [];
  const causes: FieldCause[] = [];
  const hasName = typeof ref.name === 'string' && ref.name.length > 0;
  const hasSelector = ref.selector !== undefined && ref.selector !== null;
  const exclusive = 'name and selector are mutually exclusive';
  if (hasName && hasSelector) causes.push(forbidden(`${path}.name`, exclusive));
  if (hasSelector && hasName)
    causes.push(forbidden(`${path}.selector`, exclusive));
  if (!hasName && !hasSelector)
    causes.push(required(path, 'one of name or selector must be specified'));
  const action = ref.parameterNotFoundAction;
  if (isBlank(action)) causes.push(required(`${path}.parameterNotFoundAction`));
  else if (!['Deny', 'Allow'].includes(action))
    causes.push(
      notSupported(`${path}.parameterNotFoundAction`, action, [
        'Deny',
        'Allow',
      ]),
    );
  return causes;
}

const ACTIONS = ['Audit', 'Deny', 'Warn'];

function validateValidationActions(actions: any[], path: Path): FieldCause[] {
  const causes: FieldCause[] = [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (!ACTIONS.includes(action))
      causes.push(notSupported(`${path}[${i}]`, action, ACTIONS));
    if (seen.has(action)) causes.push(duplicate(`${path}[${i}]`, action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn'))
    causes.push(
      invalidValue(
        path,
        goSlice('admissionregistration.ValidationAction', actions),
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    );
  if (seen.size === 0)
    causes.push(required(path, 'at least one validation action is required'));
  return causes;
}

function validateBindingSpec(spec: any): FieldCause[] {
  const causes: FieldCause[] = [];
  if (isBlank(spec.policyName)) causes.push(required('spec.policyName'));
  causes.push(...validateParamRef(spec.paramRef, 'spec.paramRef'));
  if (spec.matchResources)
    // The field path is spelt this way in kube-apiserver's messages.
    causes.push(
      ...validateMatchResources(spec.matchResources, 'spec.matchResouces'),
    );
  causes.push(
    ...validateValidationActions(
      Array.isArray(spec.validationActions) ? spec.validationActions : [],
      'spec.validationActions',
    ),
  );
  return causes;
}

/** The spec checks of the two kinds; metadata is checked with every object's. */
export function validateAdmissionPolicyObject(
  object: KubeObject,
): FieldCause[] {
  const spec = object.spec ?? {};
  if (object.kind === 'ValidatingAdmissionPolicy')
    return validatePolicySpec(spec);
  if (object.kind === 'ValidatingAdmissionPolicyBinding')
    return validateBindingSpec(spec);
  return [];
}
