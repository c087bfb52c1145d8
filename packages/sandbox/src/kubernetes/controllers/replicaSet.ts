import { randomBytes } from 'node:crypto';
import { ownerRef, isOwnedBy, safeEncode, withKind } from '../objects';
import { isoSeconds } from '../store';
import { KubeObject } from '../types';
import { ControllerContext } from './context';
import { updateDeploymentStatus } from './deploymentStatus';
import { reconcileEndpointSlices } from './endpointSlices';

/**
 * Replica set controller: creates or deletes pods to match `replicas`, through admission.
 * A refused pod stops the loop and becomes a FailedCreate event and a ReplicaFailure
 * condition, which is how a webhook outage shows on a real cluster.
 */
export function reconcileReplicaSet(
  ctx: ControllerContext,
  rs: KubeObject,
): void {
  const podType = ctx.type('v1', 'Pod');
  const rsType = ctx.type('apps/v1', 'ReplicaSet');
  const ns = rs.metadata.namespace!;
  const rsObject = withKind(rsType, rs);
  let pods = ctx.store.list(podType, ns).filter(p => isOwnedBy(p, rs));
  let failure: string | undefined;
  while (pods.length < rs.spec.replicas) {
    try {
      const pod = ctx.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rs.metadata.name}-${safeEncode(randomBytes(5), 5)}`,
          namespace: ns,
          labels: rs.spec.template.metadata?.labels,
          annotations: rs.spec.template.metadata?.annotations,
          ownerReferences: [ownerRef(rsObject)],
        },
        spec: structuredClone(rs.spec.template.spec),
      });
      pods.push(pod);
      ctx.events.record(
        rsObject,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name}`,
        'replicaset-controller',
      );
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
      ctx.events.record(
        rsObject,
        'Warning',
        'FailedCreate',
        `Error creating: ${failure}`,
        'replicaset-controller',
      );
      break;
    }
  }
  while (pods.length > rs.spec.replicas) {
    const victim = pods.pop()!;
    ctx.store.delete(podType, ns, victim.metadata.name);
    ctx.events.record(
      rsObject,
      'Normal',
      'SuccessfulDelete',
      `Deleted pod: ${victim.metadata.name}`,
      'replicaset-controller',
    );
  }
  pods = ctx.store.list(podType, ns).filter(p => isOwnedBy(p, rs));
  const ready = pods.filter(p => p.status?.phase === 'Running').length;
  const latest = ctx.store.get(rsType, ns, rs.metadata.name);
  if (!latest) return;
  const at = isoSeconds(ctx.now());
  ctx.store.update(rsType, {
    ...latest,
    status: {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: latest.metadata.generation,
      ...(failure
        ? {
            conditions: [
              {
                type: 'ReplicaFailure',
                status: 'True',
                lastTransitionTime: at,
                reason: 'FailedCreate',
                message: failure,
              },
            ],
          }
        : {}),
    },
  });
  const owner = (latest.metadata.ownerReferences ?? []).find(
    r => r.kind === 'Deployment',
  );
  if (owner) updateDeploymentStatus(ctx, ns, owner.name);
  reconcileEndpointSlices(ctx, ns);
}
