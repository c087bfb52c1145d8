import { ObjectReader } from './objectAccess';
import { isOwnedBy } from './objects';
import { KubeObject } from './types';

/** Pods owned (through a replica set) by a deployment, oldest first. */
export function podsOfDeployment(
  objects: ObjectReader,
  namespace: string,
  deployment: string,
): KubeObject[] {
  const d = objects.find('apps/v1', 'Deployment', namespace, deployment);
  if (!d) return [];
  const rsUids = new Set(
    objects
      .list(objects.type('apps/v1', 'ReplicaSet'), { namespace })
      .filter(rs => isOwnedBy(rs, d))
      .map(rs => rs.metadata.uid),
  );
  return objects
    .list(objects.type('v1', 'Pod'), { namespace })
    .filter(p =>
      (p.metadata.ownerReferences ?? []).some(r => rsUids.has(r.uid)),
    )
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(
        b.metadata.creationTimestamp ?? '',
      ),
    );
}

/** The strategic-merge patch of `kubectl rollout restart`: a new template annotation, hence new pods. */
export function rolloutRestartPatch(at: number) {
  return {
    spec: {
      template: {
        metadata: {
          annotations: {
            'kubectl.kubernetes.io/restartedAt': new Date(at).toISOString(),
          },
        },
      },
    },
  };
}
