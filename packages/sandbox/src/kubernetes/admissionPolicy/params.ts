import type { KubeObject } from '../types';
import { selectorMatches } from './matching';
import type { ParamKind, ParamRef, ParamScope, ParamSource } from './types';

/** A binding whose paramRef cannot be resolved; the failure policy decides. */
export class ParamError extends Error {}

/**
 * `failed to find resource referenced by paramKind: '<gvk>'`, Go's
 * GroupVersionKind.String() being `group/version, Kind=kind` (a leading `/`
 * for the core group).
 */
export function unknownParamKindMessage(kind: ParamKind): string {
  const [group, version] = kind.apiVersion.includes('/')
    ? kind.apiVersion.split('/')
    : ['', kind.apiVersion];
  return `failed to find resource referenced by paramKind: '${group}/${version}, Kind=${kind.kind}'`;
}

export interface CollectParamsInput {
  paramKind?: ParamKind;
  paramRef?: ParamRef;
  /** The namespace of the request; empty for cluster-scoped requests. */
  namespace?: string;
  source: ParamSource;
  scope: ParamScope;
}

/**
 * The parameter objects one binding evaluates with, following
 * `CollectParams` in k8s.io/apiserver/pkg/admission/plugin/policy/generic
 * and https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#parameter-resources:
 * `[null]` when the policy or the binding uses no params; an empty list when
 * none is found and parameterNotFoundAction is Allow (the policy is then not
 * evaluated); one entry per selected object otherwise.
 */
export function collectParams(
  input: CollectParamsInput,
): Array<KubeObject | null> {
  const { paramKind, paramRef, source, scope } = input;
  if (!paramKind || !paramRef) return [null];
  let namespace: string | undefined;
  if (scope === 'Namespaced') {
    namespace = paramRef.namespace || input.namespace;
    if (!namespace)
      throw new ParamError(
        'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
      );
  } else if (paramRef.namespace) {
    throw new ParamError(
      'paramRef.namespace must not be provided for a cluster-scoped `paramKind`',
    );
  }
  let params: KubeObject[];
  if (paramRef.name) {
    if (paramRef.selector)
      throw new ParamError(
        'paramRef.name and paramRef.selector are mutually exclusive',
      );
    params = source
      .list(paramKind, namespace)
      .filter(o => o.metadata.name === paramRef.name);
  } else if (paramRef.selector) {
    params = source
      .list(paramKind, namespace)
      .filter(o => selectorMatches(paramRef.selector, o.metadata.labels));
  } else {
    throw new ParamError('one of name or selector must be provided');
  }
  if (params.length === 0 && paramRef.parameterNotFoundAction === 'Deny')
    throw new ParamError(
      'no params found for policy binding with `Deny` parameterNotFoundAction',
    );
  return params;
}
