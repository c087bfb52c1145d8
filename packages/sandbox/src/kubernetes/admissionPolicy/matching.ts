import { fromLabelSelector, matchesLabels } from '../api/selectors';
import type { KubeObject } from '../types';
import type {
  AdmissionAttributes,
  LabelSelector,
  MatchResources,
  NamedRuleWithOperations,
} from './types';

/*
 * Which requests a policy's matchConstraints and a binding's matchResources
 * select, after k8s.io/apiserver/pkg/admission/plugin/policy/matching and the
 * webhook predicates it uses (rules, namespace, object). Only
 * `matchPolicy: Exact` is implemented: equivalent resources (the same kind
 * served under another group or version) are not looked up.
 */

/** A selector or reference the API server cannot resolve; the failure policy decides. */
export class MatchError extends Error {}

export interface MatchInput {
  attributes: AdmissionAttributes;
  namespaceObject?: KubeObject;
}

export function matchesResources(
  criteria: MatchResources,
  input: MatchInput,
  options: { isBinding: boolean },
): boolean {
  if (!matchesNamespaceSelector(criteria.namespaceSelector, input))
    return false;
  if (!matchesObjectSelector(criteria.objectSelector, input.attributes))
    return false;
  if (matchesAnyRule(criteria.excludeResourceRules, input.attributes))
    return false;
  // A binding without resourceRules narrows nothing; a policy's are required.
  if (options.isBinding && criteria.resourceRules === undefined) return true;
  return matchesAnyRule(criteria.resourceRules, input.attributes);
}

function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 &&
      (selector.matchExpressions ?? []).length === 0)
  );
}

export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  return matchesLabels(labels, fromLabelSelector(selector));
}

function isNamespaceRequest(a: AdmissionAttributes): boolean {
  return (
    a.resource.group === '' &&
    a.resource.version === 'v1' &&
    a.resource.resource === 'namespaces'
  );
}

/**
 * Cluster-scoped requests other than on namespaces are never exempted; a
 * Namespace being created or updated is matched on its own new labels
 * (webhook/predicates/namespace/matcher.go).
 */
function matchesNamespaceSelector(
  selector: LabelSelector | undefined,
  { attributes: a, namespaceObject }: MatchInput,
): boolean {
  const onNamespace = a.resource.resource === 'namespaces';
  if (!a.namespace && !onNamespace) return true;
  if (isEmptySelector(selector)) return true;
  let labels: Record<string, string> | undefined;
  if (
    isNamespaceRequest(a) &&
    !a.subresource &&
    (a.operation === 'CREATE' || a.operation === 'UPDATE')
  )
    labels = a.object?.metadata.labels;
  else if (isNamespaceRequest(a))
    labels = (a.oldObject ?? a.object)?.metadata.labels;
  else if (namespaceObject) labels = namespaceObject.metadata.labels;
  else throw new MatchError(`namespaces "${a.namespace}" not found`);
  return selectorMatches(selector, labels);
}

/** The new or the old object may carry the labels (webhook/predicates/object/matcher.go). */
function matchesObjectSelector(
  selector: LabelSelector | undefined,
  a: AdmissionAttributes,
): boolean {
  if (isEmptySelector(selector)) return true;
  return [a.object, a.oldObject].some(
    o => !!o && selectorMatches(selector, o.metadata?.labels ?? {}),
  );
}

function matchesAnyRule(
  rules: NamedRuleWithOperations[] | undefined,
  a: AdmissionAttributes,
): boolean {
  return (rules ?? []).some(
    rule =>
      ruleMatches(rule, a) &&
      ((rule.resourceNames ?? []).length === 0 ||
        rule.resourceNames!.includes(a.name ?? '')),
  );
}

const exactOrWildcard = (items: string[] | undefined, value: string) =>
  (items ?? []).some(item => item === '*' || item === value);

/** webhook/predicates/rules/rules.go: scope, operation, group, version, resource/subresource. */
export function ruleMatches(
  rule: NamedRuleWithOperations,
  a: AdmissionAttributes,
): boolean {
  const clusterScoped = isNamespaceRequest(a) || !a.namespace;
  const scope = rule.scope ?? '*';
  if (scope === 'Namespaced' && clusterScoped) return false;
  if (scope === 'Cluster' && !clusterScoped) return false;
  if (!exactOrWildcard(rule.operations, a.operation)) return false;
  if (!exactOrWildcard(rule.apiGroups, a.resource.group)) return false;
  if (!exactOrWildcard(rule.apiVersions, a.resource.version)) return false;
  const sub = a.subresource ?? '';
  return (rule.resources ?? []).some(entry => {
    const [res, ruleSub = ''] = entry.split(/\/(.*)/s);
    return (
      (res === '*' || res === a.resource.resource) &&
      (ruleSub === '*' || ruleSub === sub)
    );
  });
}
