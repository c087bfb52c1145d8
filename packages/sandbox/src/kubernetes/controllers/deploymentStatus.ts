import { createHash } from 'node:crypto';
import { isOwnedBy, safeEncode } from '../objects';
import { isoSeconds } from '../store';
import { KubeObject } from '../types';
import { ControllerContext } from './context';

/** The `pod-template-hash` of a deployment's current template, naming its replica set. */
export function podTemplateHash(deployment: KubeObject): string {
  const template = structuredClone(deployment.spec.template);
  delete template.metadata?.creationTimestamp;
  return safeEncode(
    createHash('sha256').update(JSON.stringify(template)).digest(),
    10,
  );
}

/**
 * The deployment controller's status sync: replica counts summed over its replica sets,
 * and the Available / ReplicaFailure / Progressing conditions `kubectl rollout status`
 * and the portal read.
 */
export function updateDeploymentStatus(
  ctx: ControllerContext,
  namespace: string,
  name: string,
): void {
  const dType = ctx.type('apps/v1', 'Deployment');
  const deployment = ctx.store.get(dType, namespace, name);
  if (!deployment) return;
  const sets = ctx.store
    .list(ctx.type('apps/v1', 'ReplicaSet'), namespace)
    .filter(rs => isOwnedBy(rs, deployment));
  const hash = podTemplateHash(deployment);
  const newest = sets.find(
    rs => rs.metadata.labels?.['pod-template-hash'] === hash,
  );
  const sum = (f: string) =>
    sets.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
  const desired = deployment.spec.replicas ?? 1;
  const available = sum('availableReplicas');
  const at = isoSeconds(ctx.now());
  const previous: any[] = deployment.status?.conditions ?? [];
  const condition = (
    type: string,
    status: string,
    reason: string,
    message: string,
  ) => {
    const old = previous.find(c => c.type === type);
    const same = old && old.status === status && old.reason === reason;
    return {
      type,
      status,
      lastUpdateTime: same ? old.lastUpdateTime : at,
      lastTransitionTime:
        old && old.status === status ? old.lastTransitionTime : at,
      reason,
      message,
    };
  };
  const failure = newest?.status?.conditions?.find(
    (c: any) => c.type === 'ReplicaFailure',
  );
  const conditions = [
    available >= desired - Math.floor(desired * 0.25)
      ? condition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
        )
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
    failure
      ? condition('ReplicaFailure', 'True', 'FailedCreate', failure.message)
      : undefined,
    newest && (newest.status?.availableReplicas ?? 0) >= desired
      ? condition(
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${newest.metadata.name}" has successfully progressed.`,
        )
      : condition(
          'Progressing',
          'True',
          'ReplicaSetUpdated',
          `ReplicaSet "${newest?.metadata.name}" is progressing.`,
        ),
  ].filter(Boolean);
  const replicas = sum('replicas');
  ctx.store.update(dType, {
    ...deployment,
    metadata: {
      ...deployment.metadata,
      annotations: {
        ...deployment.metadata.annotations,
        'deployment.kubernetes.io/revision':
          newest?.metadata.annotations?.['deployment.kubernetes.io/revision'] ??
          '1',
      },
    },
    status: {
      observedGeneration: deployment.metadata.generation,
      replicas,
      updatedReplicas: newest?.status?.replicas ?? 0,
      readyReplicas: sum('readyReplicas'),
      availableReplicas: available,
      ...(replicas - available > 0 || desired - available > 0
        ? { unavailableReplicas: Math.max(desired - available, 0) }
        : {}),
      conditions,
    },
  });
}
