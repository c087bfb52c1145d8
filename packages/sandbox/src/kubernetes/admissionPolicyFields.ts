import { compileExpression } from './admissionPolicy/celEnvironment';
import { FieldCause } from './api/status';

/*
 * apimachinery's field errors as kube-apiserver renders them (`field.Error`), and the
 * MatchResources checks and defaults ValidatingAdmissionPolicy and its binding share
 * (kubernetes/kubernetes pkg/apis/admissionregistration/validation/validation.go and
 * v1 defaults).
 */
export type Path = string;

export const quote = (value: unknown) => JSON.stringify(value);

export const required = (field: Path, detail = ''): FieldCause => ({
  field,
  reason: 'FieldValueRequired',
  message: detail ? `Required value: ${detail}` : 'Required value',
});

export const invalidValue = (
  field: Path,
  rendered: string,
  detail: string,
): FieldCause => ({
  field,
  message: `Invalid value: ${rendered}: ${detail}`,
});

/** field.NotSupported: the supported values as its callers list them (sets are sorted). */
export const notSupported = (
  field: Path,
  value: unknown,
  supported: string[],
): FieldCause => ({
  field,
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${quote(value)}: supported values: ${supported
    .map(quote)
    .join(', ')}`,
});

export const duplicate = (field: Path, value: unknown): FieldCause => ({
  field,
  reason: 'FieldValueDuplicate',
  message: `Duplicate value: ${quote(value)}`,
});

export const forbidden = (field: Path, detail: string): FieldCause => ({
  field,
  reason: 'FieldValueForbidden',
  message: `Forbidden: ${detail}`,
});

/** Go's `%#v` of a string slice, which `Invalid value:` prints for lists. */
export const goSlice = (elementType: string, values: unknown[]) =>
  `[]${elementType}{${values.map(quote).join(', ')}}`;

export const isBlank = (value: unknown) =>
  typeof value !== 'string' || value.trim() === '';

export function compileErrors(
  field: Path,
  expression: string,
  hasParams: boolean,
): FieldCause[] {
  const { compileError } = compileExpression(expression, { hasParams });
  return compileError
    ? [invalidValue(field, quote(expression), compileError)]
    : [];
}

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

function wildcardMix(
  field: Path,
  list: string[],
  type: string,
  what: string,
): FieldCause[] {
  return list.length > 1 && list.includes('*')
    ? [
        invalidValue(
          field,
          goSlice(type, list),
          `if '*' is present, must not specify other ${what}`,
        ),
      ]
    : [];
}

/** validateNamedRuleWithOperations with validateRule (subresources allowed). */
function validateRule(rule: any, path: Path): FieldCause[] {
  const causes: FieldCause[] = [];
  const names: string[] = rule?.resourceNames ?? [];
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      causes.push(duplicate(`${path}.resourceNames[${i}]`, name));
  });
  const operations: string[] = rule?.operations ?? [];
  if (operations.length === 0) causes.push(required(`${path}.operations`));
  causes.push(
    ...wildcardMix(
      `${path}.operations`,
      operations,
      'admissionregistration.OperationType',
      'operations',
    ),
  );
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(op))
      causes.push(notSupported(`${path}.operations[${i}]`, op, OPERATIONS));
  });
  const groups: string[] = rule?.apiGroups ?? [];
  if (groups.length === 0) causes.push(required(`${path}.apiGroups`));
  causes.push(
    ...wildcardMix(`${path}.apiGroups`, groups, 'string', 'API groups'),
  );
  const versions: string[] = rule?.apiVersions ?? [];
  if (versions.length === 0) causes.push(required(`${path}.apiVersions`));
  causes.push(
    ...wildcardMix(`${path}.apiVersions`, versions, 'string', 'API versions'),
  );
  versions.forEach((v, i) => {
    if (v === '') causes.push(required(`${path}.apiVersions[${i}]`));
  });
  const resources: string[] = rule?.resources ?? [];
  if (resources.length === 0) causes.push(required(`${path}.resources`));
  resources.forEach((r, i) => {
    if (r === '') causes.push(required(`${path}.resources[${i}]`));
  });
  if (rule?.scope !== undefined && !SCOPES.includes(rule.scope))
    causes.push(notSupported(`${path}.scope`, rule.scope, SCOPES));
  return causes;
}

/** validateMatchResources, for a policy's matchConstraints and a binding's matchResources. */
export function validateMatchResources(match: any, path: Path): FieldCause[] {
  const causes: FieldCause[] = [];
  if (match.matchPolicy === undefined)
    causes.push(required(`${path}.matchPolicy`));
  else if (!['Equivalent', 'Exact'].includes(match.matchPolicy))
    causes.push(
      notSupported(`${path}.matchPolicy`, match.matchPolicy, [
        'Equivalent',
        'Exact',
      ]),
    );
  (match.resourceRules ?? []).forEach((rule: any, i: number) =>
    causes.push(...validateRule(rule, `${path}.resourceRules[${i}]`)),
  );
  (match.excludeResourceRules ?? []).forEach((rule: any, i: number) =>
    causes.push(...validateRule(rule, `${path}.excludeResourceRules[${i}]`)),
  );
  return causes;
}

/** kube-apiserver's v1 defaults for MatchResources and its rules. */
export function defaultMatchResources(match: any): any {
  const rules = (list: any[] | undefined) =>
    list?.map(rule => ({ scope: '*', ...rule }));
  return {
    namespaceSelector: {},
    objectSelector: {},
    matchPolicy: 'Equivalent',
    ...match,
    ...(match.resourceRules
      ? { resourceRules: rules(match.resourceRules) }
      : {}),
    ...(match.excludeResourceRules
      ? { excludeResourceRules: rules(match.excludeResourceRules) }
      : {}),
  };
}
