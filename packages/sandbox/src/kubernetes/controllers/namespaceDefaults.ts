import { ControllerContext } from './context';

/**
 * What every new namespace gets: the `default` service account (service account
 * controller) and the `kube-root-ca.crt` ConfigMap (root CA publisher).
 */
export function namespaceDefaults(
  ctx: ControllerContext,
  namespace: string,
): void {
  ctx.create({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace },
  });
  ctx.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-root-ca.crt',
      namespace,
      annotations: {
        'kubernetes.io/description':
          'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
      },
    },
    data: {
      'ca.crt':
        '-----BEGIN CERTIFICATE-----\n(sandbox cluster CA)\n-----END CERTIFICATE-----\n',
    },
  });
}
