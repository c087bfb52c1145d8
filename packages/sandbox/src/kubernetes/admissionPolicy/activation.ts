import type { KubeObject } from '../types';
import { compileExpression } from './celEnvironment';
import { toCelValue } from './celValues';
import type { AdmissionAttributes, NamedExpression, ParamKind } from './types';

/** The CEL variables one (policy, binding, param) evaluation sees. */
export type Activation = Record<string, unknown>;

export interface ActivationInput {
  attributes: AdmissionAttributes;
  namespaceObject?: KubeObject;
  /** Present when the policy declares a paramKind; the value may be null. */
  params?: { kind: ParamKind; object: KubeObject | null };
  variables: NamedExpression[];
}

/**
 * Builds `object`, `oldObject`, `request`, `params`, `namespaceObject` and
 * `variables` the way k8s.io/apiserver/pkg/admission/plugin/cel/activation.go
 * does; `variables` are computed on first use and remembered, result or
 * error, as https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#variable-composition
 * describes.
 */
export function createActivation(input: ActivationInput): Activation {
  const { attributes } = input;
  const activation: Activation = {
    object: toCelValue(attributes.object ?? null),
    oldObject: toCelValue(attributes.oldObject ?? null),
    request: toCelValue(admissionRequest(attributes)),
    namespaceObject: toCelValue(celNamespace(input)),
  };
  if (input.params) activation.params = toCelValue(withTypeMeta(input.params));
  const hasParams = input.params !== undefined;
  const memo = new Map<string, { value: unknown } | { error: string }>();
  // A variable sees only those declared before it, so references cannot cycle.
  const view = (count: number) => {
    const visible: Record<string, unknown> = {};
    for (const variable of input.variables.slice(0, count)) {
      Object.defineProperty(visible, variable.name, {
        enumerable: true,
        get: () => {
          let outcome = memo.get(variable.name);
          if (!outcome) {
            outcome = evaluateVariable(variable, {
              ...activation,
              variables: view(input.variables.indexOf(variable)),
            });
            memo.set(variable.name, outcome);
          }
          if ('error' in outcome) throw new Error(outcome.error);
          return outcome.value;
        },
      });
    }
    return visible;
  };

  function evaluateVariable(variable: NamedExpression, context: Activation) {
    const compiled = compileExpression(variable.expression, { hasParams });
    if (compiled.compileError)
      return {
        error: `composited variable "${variable.name}" fails to compile: ${compiled.compileError}`,
      };
    const outcome = compiled.evaluate(context);
    if ('error' in outcome)
      return {
        error: `composited variable "${variable.name}" fails to evaluate: ${outcome.cause}`,
      };
    return outcome;
  }

  activation.variables = view(input.variables.length);
  return activation;
}

/**
 * admission/v1 AdmissionRequest as CEL's `request`, fields omitted where Go's
 * `omitempty` omits them (plugin/cel/condition.go CreateAdmissionRequest).
 * Only exact matching is supported, so the matched resource and kind are the
 * requested ones.
 */
function admissionRequest(a: AdmissionAttributes): Record<string, unknown> {
  const kind = { ...a.kind };
  const resource = { ...a.resource };
  const user = a.userInfo;
  return omitEmpty({
    uid: a.uid ?? '',
    kind,
    resource,
    subResource: a.subresource,
    requestKind: kind,
    requestResource: resource,
    requestSubResource: a.subresource,
    name: a.name,
    namespace: a.namespace,
    operation: a.operation,
    userInfo: omitEmpty({
      username: user.username,
      uid: user.uid,
      groups: user.groups,
      extra: user.extra,
    }),
    object: null,
    oldObject: null,
    dryRun: a.dryRun ?? false,
    options: a.options ?? null,
  });
}

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0) &&
        !(v && typeof v === 'object' && Object.keys(v).length === 0),
    ),
  );
}

/**
 * The namespace as CEL's `namespaceObject`: null for cluster-scoped requests
 * and for requests on a Namespace itself, and only these metadata fields
 * (plugin/cel/condition.go CreateNamespaceObject).
 */
function celNamespace(input: ActivationInput): KubeObject | null {
  const { attributes: a, namespaceObject: ns } = input;
  const isNamespace =
    a.kind.group === '' &&
    a.kind.version === 'v1' &&
    a.kind.kind === 'Namespace';
  if (!a.namespace || isNamespace || !ns) return null;
  const m = ns.metadata;
  const metadata = omitEmpty({
    name: m.name,
    generateName: m.generateName,
    namespace: m.namespace,
    uid: m.uid,
    resourceVersion: m.resourceVersion,
    generation: m.generation,
    creationTimestamp: m.creationTimestamp,
    deletionTimestamp: m.deletionTimestamp,
    deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
    labels: m.labels,
    annotations: m.annotations,
    finalizers: m.finalizers,
  });
  return { metadata, spec: ns.spec ?? {}, status: ns.status ?? {} } as any;
}

/** Params lacking apiVersion/kind get the paramKind's, as the dispatcher's wrappedParam does. */
function withTypeMeta(params: NonNullable<ActivationInput['params']>) {
  if (!params.object) return null;
  return {
    ...params.object,
    apiVersion: params.object.apiVersion || params.kind.apiVersion,
    kind: params.object.kind || params.kind.kind,
  };
}
