import { ClusterIssuer, newSigningKey } from '../oidc';
import { PORTAL_KUBERNETES_PRINCIPALS } from '../presets/portalPrincipals/kubernetes';
import { authenticate, CLUSTER_ADMIN } from './authentication';
import { KubernetesCluster } from './cluster';

describe('cluster principals', () => {
  const tokens = { admin: 'a', reader: 'r', provisioner: 'p' };

  it('signs in the admin and, with the portal preset, its service accounts', () => {
    const users = PORTAL_KUBERNETES_PRINCIPALS.users;
    expect(authenticate('a', { tokens, users })).toEqual(CLUSTER_ADMIN);
    expect(authenticate('r', { tokens, users })?.username).toBe(
      'system:serviceaccount:backstage-system:backstage-reader',
    );
    expect(authenticate('p', { tokens, users })?.username).toBe(
      'system:serviceaccount:backstage-system:backstage-provisioner',
    );
    expect(authenticate('x', { tokens, users })).toBeUndefined();
    expect(authenticate(undefined, { tokens, users })).toBeUndefined();
  });

  it('knows only the admin without a preset: no portal namespace, no portal tokens', () => {
    const cluster = new KubernetesCluster({
      name: 'aks-bare',
      tenantId: '72f988bf-0000-0000-0000-000000000001',
      issuer: new ClusterIssuer('https://issuer.example/t/g/', newSigningKey()),
      tokens,
    });
    expect(cluster.authenticate('a')?.username).toBe('sandbox-admin');
    expect(cluster.authenticate('r')).toBeUndefined();
    const namespaces = cluster
      .list(cluster.type('v1', 'Namespace'))
      .map(n => n.metadata.name);
    expect(namespaces).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(
      cluster
        .list(cluster.type('rbac.authorization.k8s.io/v1', 'ClusterRole'))
        .map(r => r.metadata.name),
    ).toEqual(['cluster-admin']);
  });
});
