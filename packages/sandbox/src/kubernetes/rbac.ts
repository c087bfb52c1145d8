import { ResourceCatalog } from './api/resources';
import { ObjectStore } from './store';
import { KubeObject, UserInfo } from './types';

export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

/**
 * Kubernetes RBAC over the twin's own Role/ClusterRole/(Cluster)RoleBinding
 * objects, so permissions are staged the way a platform team would stage
 * them: `kubectl delete rolebinding ...` takes a right away.
 * `system:masters` bypasses RBAC, as in kube-apiserver.
 */
export class RbacAuthorizer {
  constructor(
    private readonly store: ObjectStore,
    private readonly catalog: ResourceCatalog,
  ) {}

  allows(user: UserInfo, request: AccessRequest): boolean {
    if (user.groups.includes('system:masters')) return true;
    // system:basic-user: everyone may ask who they are and what they may do.
    if (
      request.group === 'authorization.k8s.io' ||
      (request.group === 'authentication.k8s.io' &&
        request.resource === 'selfsubjectreviews')
    )
      return request.verb === 'create';
    return this.rulesFor(user, request.namespace).some(rule =>
      ruleAllows(rule, request),
    );
  }

  private rulesFor(
    user: UserInfo,
    namespace: string | undefined,
  ): PolicyRule[] {
    const rbac = (resource: string) =>
      this.catalog.find('rbac.authorization.k8s.io', 'v1', resource)!;
    const rules: PolicyRule[] = [];
    const roleRules = (ref: any, ns: string | undefined): PolicyRule[] => {
      if (ref?.kind === 'ClusterRole')
        return (
          this.store.get(rbac('clusterroles'), undefined, ref.name)?.rules ?? []
        );
      if (ref?.kind === 'Role' && ns)
        return this.store.get(rbac('roles'), ns, ref.name)?.rules ?? [];
      return [];
    };
    for (const binding of this.store.list(rbac('clusterrolebindings')))
      if (bindsUser(binding, user))
        rules.push(...roleRules(binding.roleRef, undefined));
    if (namespace)
      for (const binding of this.store.list(rbac('rolebindings'), namespace))
        if (bindsUser(binding, user))
          rules.push(...roleRules(binding.roleRef, namespace));
    return rules;
  }
}

function bindsUser(binding: KubeObject, user: UserInfo): boolean {
  return (binding.subjects ?? []).some((s: any) => {
    if (s.kind === 'User') return s.name === user.username;
    if (s.kind === 'Group') return user.groups.includes(s.name);
    if (s.kind === 'ServiceAccount')
      return user.username === `system:serviceaccount:${s.namespace}:${s.name}`;
    return false;
  });
}

function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  const has = (list: string[] | undefined, value: string) =>
    (list ?? []).includes('*') || (list ?? []).includes(value);
  if (!has(rule.verbs, request.verb)) return false;
  if (!has(rule.apiGroups, request.group)) return false;
  const resources = rule.resources ?? [];
  const resourceMatch =
    resources.includes('*') ||
    resources.includes(resource) ||
    (request.subresource !== undefined &&
      resources.includes(`*/${request.subresource}`));
  if (!resourceMatch) return false;
  if (rule.resourceNames?.length)
    return (
      request.name !== undefined && rule.resourceNames.includes(request.name)
    );
  return true;
}
