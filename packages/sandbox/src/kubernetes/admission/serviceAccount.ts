import { randomBytes } from 'node:crypto';
import { admissionForbidden } from '../api/status';
import { ObjectReader } from '../objectAccess';
import { safeEncode } from '../objects';
import { KubeObject } from '../types';
import { MutatingAdmissionPlugin } from './types';

const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin on pod creation: a pod names a service account
 * that exists, and gets the `kube-api-access-*` projected volume (token, CA, namespace)
 * unless it or its service account opted out.
 */
export function serviceAccountAdmission(
  objects: ObjectReader,
): MutatingAdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit({ operation, resource, object: pod }) {
      if (operation !== 'CREATE' || resource.kind !== 'Pod') return pod;
      const ns = pod.metadata.namespace!;
      const saName = pod.spec.serviceAccountName;
      const sa = objects.find('v1', 'ServiceAccount', ns, saName);
      if (!sa)
        throw admissionForbidden(
          'pods',
          pod.metadata.name,
          `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`,
        );
      return mountServiceAccountToken(pod, sa);
    },
  };
}

function mountServiceAccountToken(pod: KubeObject, sa: KubeObject): KubeObject {
  if (
    pod.spec.automountServiceAccountToken === false ||
    (sa.automountServiceAccountToken === false &&
      pod.spec.automountServiceAccountToken === undefined)
  )
    return pod;
  if (
    (pod.spec.containers ?? []).some((c: any) =>
      (c.volumeMounts ?? []).some((m: any) => m.mountPath === SA_MOUNT_PATH),
    )
  )
    return pod;
  const out = structuredClone(pod);
  const name = `kube-api-access-${safeEncode(randomBytes(5), 5)}`;
  out.spec.volumes = [
    ...(out.spec.volumes ?? []),
    {
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          {
            configMap: {
              name: 'kube-root-ca.crt',
              items: [{ key: 'ca.crt', path: 'ca.crt' }],
            },
          },
          {
            downwardAPI: {
              items: [
                {
                  path: 'namespace',
                  fieldRef: {
                    apiVersion: 'v1',
                    fieldPath: 'metadata.namespace',
                  },
                },
              ],
            },
          },
        ],
        defaultMode: 420,
      },
    },
  ];
  const mount = { name, readOnly: true, mountPath: SA_MOUNT_PATH };
  out.spec.containers = out.spec.containers.map((c: any) => ({
    ...c,
    volumeMounts: [...(c.volumeMounts ?? []), mount],
  }));
  if (out.spec.initContainers)
    out.spec.initContainers = out.spec.initContainers.map((c: any) => ({
      ...c,
      volumeMounts: [...(c.volumeMounts ?? []), mount],
    }));
  return out;
}
