import { ResourceType } from '../api/resources';
import { isOwnedBy } from '../objects';
import { KubeObject } from '../types';
import { ControllerContext } from './context';
import { updateDeploymentStatus } from './deploymentStatus';
import { reconcileReplicaSet } from './replicaSet';

/**
 * Deletes an object with what depends on it, as the garbage collector and the namespace
 * controller do (in one step, with no finalizers): dependents by ownerReferences,
 * namespace contents with their namespace. A deleted pod's replica set replaces it.
 */
export function deleteWithDependents(
  ctx: ControllerContext,
  rt: ResourceType,
  object: KubeObject,
): void {
  ctx.store.delete(rt, object.metadata.namespace, object.metadata.name);
  if (rt.kind === 'Namespace') {
    for (const type of ctx.catalog.types.filter(t => t.namespaced))
      for (const o of ctx.store.list(type, object.metadata.name))
        ctx.store.delete(
          type,
          object.metadata.namespace ?? o.metadata.namespace,
          o.metadata.name,
        );
    return;
  }
  const scope = object.metadata.namespace;
  for (const type of ctx.catalog.types.filter(
    t => t.namespaced === Boolean(scope) || !t.namespaced,
  ))
    for (const dependent of ctx.store.list(type, scope))
      if (isOwnedBy(dependent, object))
        deleteWithDependents(ctx, type, dependent);
  if (rt.kind === 'Pod') {
    const ownerRs = (object.metadata.ownerReferences ?? []).find(
      r => r.kind === 'ReplicaSet' && r.controller,
    );
    const rs =
      ownerRs &&
      ctx.store.get(ctx.type('apps/v1', 'ReplicaSet'), scope, ownerRs.name);
    if (rs) reconcileReplicaSet(ctx, rs);
  }
  if (rt.kind === 'ReplicaSet') {
    const owner = (object.metadata.ownerReferences ?? []).find(
      r => r.kind === 'Deployment',
    );
    if (owner) updateDeploymentStatus(ctx, scope!, owner.name);
  }
}
