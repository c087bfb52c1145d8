import { validateAdmissionPolicyObject } from './admissionPolicyValidation';
import { ResourceType } from './api/resources';
import { FieldCause, invalid, StatusError } from './api/status';
import { defaultObject } from './defaults';
import { KubeObject } from './types';

const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const quote = (v: unknown) => JSON.stringify(v);

/** Kinds whose names must be RFC 1123 labels rather than subdomains. */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

/** The subset of apiserver validation a user of these kinds runs into. */
export function validateObject(object: KubeObject): FieldCause[] {
  const causes: FieldCause[] = [];
  const { name } = object.metadata;
  if (!name)
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
    });
  else if (
    LABEL_NAMED.has(object.kind)
      ? !LABEL.test(name) || name.length > 63
      : !SUBDOMAIN.test(name) || name.length > 253
  )
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: ${quote(name)}: ${
        LABEL_NAMED.has(object.kind) ? LABEL_MSG : SUBDOMAIN_MSG
      }`,
    });
  causes.push(...validateLabels(object.metadata.labels, 'metadata.labels'));
  for (const key of Object.keys(object.metadata.annotations ?? {}))
    if (!validKey(key))
      causes.push({
        field: 'metadata.annotations',
        message: `Invalid value: ${quote(
          key,
        )}: name part must consist of alphanumeric characters, '-', '_' or '.'`,
      });
  if (object.kind === 'Pod')
    causes.push(...validatePodSpec(object.spec, 'spec'));
  if (['Deployment', 'ReplicaSet'].includes(object.kind))
    causes.push(...validateWorkload(object));
  // Validated after defaulting, as kube-apiserver does.
  if (object.kind.startsWith('ValidatingAdmissionPolicy'))
    causes.push(...validateAdmissionPolicyObject(defaultObject(object)));
  return causes;
}

function validKey(key: string): boolean {
  const [prefix, name] = key.includes('/')
    ? key.split('/', 2)
    : [undefined, key];
  if (prefix !== undefined && (!SUBDOMAIN.test(prefix) || prefix.length > 253))
    return false;
  return QUALIFIED_NAME.test(name) && name.length <= 63;
}

function validateLabels(
  labels: Record<string, string> | undefined,
  field: string,
): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!validKey(key))
      causes.push({
        field,
        message: `Invalid value: ${quote(
          key,
        )}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    if (
      typeof value !== 'string' ||
      !LABEL_VALUE.test(value) ||
      value.length > 63
    )
      causes.push({
        field,
        message: `Invalid value: ${quote(value)}: ${LABEL_VALUE_MSG}`,
      });
  }
  return causes;
}

function validatePodSpec(spec: any, field: string): FieldCause[] {
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0)
    return [
      {
        field: `${field}.containers`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      },
    ];
  const causes: FieldCause[] = [];
  const seen = new Set<string>();
  containers.forEach((c: any, i: number) => {
    if (!c?.name)
      causes.push({
        field: `${field}.containers[${i}].name`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
    else if (seen.has(c.name))
      causes.push({
        field: `${field}.containers[${i}].name`,
        message: `Duplicate value: ${quote(c.name)}`,
      });
    seen.add(c?.name);
    if (!c?.image)
      causes.push({
        field: `${field}.containers[${i}].image`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
  });
  return causes;
}

/** Go's `%#v` of a map[string]string, which apiserver messages print. */
function goMap(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return `map[string]string{${entries
    .map(([k, v]) => `${quote(k)}:${quote(v)}`)
    .join(', ')}}`;
}

function validateWorkload(object: KubeObject): FieldCause[] {
  const causes: FieldCause[] = [];
  const selector = object.spec?.selector;
  if (
    !selector ||
    (!Object.keys(selector.matchLabels ?? {}).length &&
      !(selector.matchExpressions ?? []).length)
  ) {
    causes.push({
      field: 'spec.selector',
      reason: 'FieldValueRequired',
      message: 'Required value',
    });
    return causes;
  }
  const labels = object.spec?.template?.metadata?.labels ?? {};
  const matches = Object.entries(selector.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );
  if (!matches)
    causes.push({
      field: 'spec.template.metadata.labels',
      message: `Invalid value: ${goMap(
        labels,
      )}: \`selector\` does not match template \`labels\``,
    });
  causes.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  causes.push(
    ...validatePodSpec(object.spec?.template?.spec, 'spec.template.spec'),
  );
  if (
    object.spec?.replicas !== undefined &&
    (!Number.isInteger(object.spec.replicas) || object.spec.replicas < 0)
  )
    causes.push({
      field: 'spec.replicas',
      message: `Invalid value: ${object.spec.replicas}: must be greater than or equal to 0`,
    });
  return causes;
}

/** Update validation: the fields an update may not change. */
export function immutableFieldErrors(
  rt: ResourceType,
  current: KubeObject,
  next: KubeObject,
): StatusError | undefined {
  if (rt.kind === 'Pod') {
    // Pod specs are immutable except a few fields: annotations and labels change, the spec does not.
    const strip = (s: any) =>
      JSON.stringify({
        ...s,
        containers: s.containers?.map((c: any) => ({
          ...c,
          image: undefined,
        })),
      });
    if (strip(defaultObject(next).spec) !== strip(current.spec))
      return invalid('Pod', '', next.metadata.name, [
        {
          field: 'spec',
          reason: 'FieldValueForbidden',
          message:
            'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        },
      ]);
  }
  if (
    (rt.kind === 'Deployment' || rt.kind === 'ReplicaSet') &&
    JSON.stringify(current.spec.selector) !==
      JSON.stringify(next.spec?.selector)
  )
    return invalid(rt.kind, rt.group, next.metadata.name, [
      {
        field: 'spec.selector',
        message: `Invalid value: ${JSON.stringify(
          next.spec?.selector,
        )}: field is immutable`,
      },
    ]);
  return undefined;
}
