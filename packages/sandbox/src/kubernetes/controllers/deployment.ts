import { ownerRef, isOwnedBy, withKind } from '../objects';
import { KubeObject } from '../types';
import { ControllerContext } from './context';
import { podTemplateHash } from './deploymentStatus';
import { reconcileReplicaSet } from './replicaSet';

const REVISION = 'deployment.kubernetes.io/revision';

/**
 * Deployment controller: one replica set per pod template (named by its
 * pod-template-hash), the others scaled to 0, revisions numbered as `kubectl rollout
 * history` shows them.
 */
export function reconcileDeployment(
  ctx: ControllerContext,
  deployment: KubeObject,
): void {
  const rsType = ctx.type('apps/v1', 'ReplicaSet');
  const ns = deployment.metadata.namespace!;
  const template = structuredClone(deployment.spec.template);
  delete template.metadata?.creationTimestamp;
  const hash = podTemplateHash(deployment);
  const rsName = `${deployment.metadata.name}-${hash}`;
  const owned = ctx.store
    .list(rsType, ns)
    .filter(rs => isOwnedBy(rs, deployment));
  const revisionOf = (rs: KubeObject) =>
    Number(rs.metadata.annotations?.[REVISION] ?? 0);
  const nextRevision = Math.max(0, ...owned.map(revisionOf)) + 1;
  const replicas = deployment.spec.replicas ?? 1;
  let current = owned.find(rs => rs.metadata.name === rsName);
  const annotations = {
    'deployment.kubernetes.io/desired-replicas': String(replicas),
    'deployment.kubernetes.io/max-replicas': String(
      replicas + Math.ceil(replicas * 0.25),
    ),
  };
  const recordScaling = (message: string) =>
    ctx.events.record(
      withKind(ctx.type('apps/v1', 'Deployment'), deployment),
      'Normal',
      'ScalingReplicaSet',
      message,
      'deployment-controller',
    );
  for (const old of owned.filter(
    rs => rs.metadata.name !== rsName && rs.spec.replicas > 0,
  )) {
    ctx.store.update(rsType, { ...old, spec: { ...old.spec, replicas: 0 } });
    reconcileReplicaSet(ctx, ctx.store.get(rsType, ns, old.metadata.name)!);
    recordScaling(
      `Scaled down replica set ${old.metadata.name} from ${old.spec.replicas} to 0`,
    );
  }
  if (!current) {
    current = ctx.store.create(rsType, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: ns,
        labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
        annotations: { ...annotations, [REVISION]: String(nextRevision) },
        ownerReferences: [ownerRef(deployment)],
      },
      spec: {
        replicas,
        selector: {
          matchLabels: {
            ...deployment.spec.selector.matchLabels,
            'pod-template-hash': hash,
          },
          ...(deployment.spec.selector.matchExpressions
            ? { matchExpressions: deployment.spec.selector.matchExpressions }
            : {}),
        },
        template: {
          metadata: {
            ...template.metadata,
            labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
          },
          spec: template.spec,
        },
      },
      status: { replicas: 0 },
    });
    recordScaling(`Scaled up replica set ${rsName} from 0 to ${replicas}`);
  } else if (
    current.spec.replicas !== replicas ||
    revisionOf(current) !== nextRevision - 1
  ) {
    const revision =
      revisionOf(current) === nextRevision - 1
        ? revisionOf(current)
        : nextRevision;
    current = ctx.store.update(rsType, {
      ...current,
      metadata: {
        ...current.metadata,
        annotations: {
          ...current.metadata.annotations,
          ...annotations,
          [REVISION]: String(revision),
        },
      },
      spec: { ...current.spec, replicas },
    });
  }
  reconcileReplicaSet(ctx, current);
}
