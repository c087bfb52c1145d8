import { ResourceType } from '../api/resources';
import { KubeObject } from '../types';
import { ControllerContext } from './context';
import { reconcileDeployment } from './deployment';
import { reconcileEndpointSlices } from './endpointSlices';
import { deleteWithDependents } from './garbageCollector';
import { namespaceDefaults } from './namespaceDefaults';
import { reconcileReplicaSet } from './replicaSet';

/**
 * The controllers that matter to the twin, run synchronously after each write (so a
 * test sees the pods of a deployment as soon as `create` returns), each keyed on kind.
 */
export class ControllerManager {
  constructor(private readonly ctx: ControllerContext) {}

  created(rt: ResourceType, object: KubeObject): void {
    const { ctx } = this;
    if (rt.kind === 'Namespace') namespaceDefaults(ctx, object.metadata.name);
    if (rt.kind === 'Service')
      reconcileEndpointSlices(ctx, object.metadata.namespace!);
    if (rt.kind === 'Deployment') reconcileDeployment(ctx, object);
    if (
      rt.kind === 'ReplicaSet' &&
      !(object.metadata.ownerReferences ?? []).length
    )
      reconcileReplicaSet(ctx, object);
    if (rt.kind === 'Pod')
      ctx.events.record(
        object,
        'Normal',
        'Scheduled',
        `Successfully assigned ${object.metadata.namespace}/${object.metadata.name} to ${ctx.nodeName}`,
        'default-scheduler',
      );
  }

  updated(rt: ResourceType, before: KubeObject, after: KubeObject): void {
    if (
      rt.kind === 'Deployment' &&
      JSON.stringify(before.spec) !== JSON.stringify(after.spec)
    )
      reconcileDeployment(this.ctx, after);
    if (
      rt.kind === 'ReplicaSet' &&
      before.spec.replicas !== after.spec.replicas
    )
      reconcileReplicaSet(this.ctx, after);
  }

  /** Removes the object and what goes with it. */
  delete(rt: ResourceType, object: KubeObject): void {
    deleteWithDependents(this.ctx, rt, object);
  }
}
