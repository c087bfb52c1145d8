import { ClusterIssuer, newSigningKey } from '../../oidc';
import { StatusError } from '../api/status';
import { KubernetesCluster } from '../cluster';
import { KubeObject } from '../types';
import { AdmissionRequest, ValidatingAdmissionPlugin } from './types';

const key = newSigningKey();

/** A cluster with one validating plugin of the test's: it records what it sees and refuses `deny: "true"`. */
function clusterWithRecorder() {
  const seen: AdmissionRequest[] = [];
  const recorder: ValidatingAdmissionPlugin = {
    name: 'Recorder',
    validate(request, context) {
      seen.push(structuredClone(request));
      const note = request.object?.metadata.labels?.note;
      if (note) {
        context.warn(`note: ${note}`);
        context.annotate('recorder/note', note);
        context.annotate('recorder/note', 'a later value is ignored');
      }
      if (request.object?.metadata.labels?.deny === 'true')
        throw new StatusError(
          403,
          'Forbidden',
          `${request.resource.resource} "${request.name}" is forbidden: denied by Recorder`,
        );
    },
  };
  const cluster = new KubernetesCluster({
    name: 'aks-test',
    tenantId: '72f988bf-0000-0000-0000-000000000001',
    issuer: new ClusterIssuer('https://issuer.example/t/g/', key),
    tokens: { admin: 'admin-token' },
    admission: () => ({ validating: [recorder] }),
  });
  seen.length = 0;
  return { cluster, seen };
}

const configMap = (labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default', labels },
  data: { a: '1' },
});

describe('admission plugins', () => {
  it('see every create, update and delete, with the acting user and the old object', () => {
    const { cluster, seen } = clusterWithRecorder();
    const rt = cluster.type('v1', 'ConfigMap');
    const user = { username: 'alice', groups: ['system:authenticated'] };
    cluster.create(configMap(), { user });
    cluster.patch(rt, 'default', 'settings', 'merge', { data: { a: '2' } });
    cluster.delete(rt, 'default', 'settings', { user });

    expect(seen.map(r => [r.operation, r.name, r.userInfo?.username])).toEqual([
      ['CREATE', 'settings', 'alice'],
      ['UPDATE', 'settings', undefined],
      ['DELETE', 'settings', 'alice'],
    ]);
    expect(seen[1].oldObject?.data).toEqual({ a: '1' });
    expect(seen[1].object?.data).toEqual({ a: '2' });
    expect(seen[2].object).toBeUndefined();
    expect(seen[2].oldObject?.data).toEqual({ a: '2' });
  });

  it('refuse a write, which then stores nothing, also in a dry run', () => {
    const { cluster, seen } = clusterWithRecorder();
    expect(() =>
      cluster.create(configMap({ deny: 'true' }), { dryRun: true }),
    ).toThrow('configmaps "settings" is forbidden: denied by Recorder');
    expect(seen[0].dryRun).toBe(true);
    expect(() => cluster.create(configMap({ deny: 'true' }))).toThrow(
      StatusError,
    );
    expect(cluster.find('v1', 'ConfigMap', 'default', 'settings')).toBe(
      undefined,
    );
  });

  it("report warnings to the writer and annotations to the cluster's audit log, also when refusing", () => {
    const { cluster } = clusterWithRecorder();
    const warnings: string[] = [];
    const user = { username: 'alice', groups: ['system:authenticated'] };
    cluster.create(configMap({ note: 'first' }), {
      user,
      warn: w => warnings.push(w),
    });
    expect(() =>
      cluster.patch(
        cluster.type('v1', 'ConfigMap'),
        'default',
        'settings',
        'merge',
        { metadata: { labels: { note: 'second', deny: 'true' } } },
        { warn: w => warnings.push(w) },
      ),
    ).toThrow(StatusError);
    cluster.create({
      ...configMap(),
      metadata: { name: 'quiet', namespace: 'default' },
    });

    expect(warnings).toEqual(['note: first', 'note: second']);
    expect(
      cluster.auditLog
        .events()
        .map(e => [
          e.operation,
          e.objectRef.name,
          e.user?.username,
          e.responseStatus?.code,
          e.annotations,
        ]),
    ).toEqual([
      ['CREATE', 'settings', 'alice', undefined, { 'recorder/note': 'first' }],
      ['UPDATE', 'settings', undefined, 403, { 'recorder/note': 'second' }],
    ]);
    cluster.reset();
    expect(cluster.auditLog.events()).toEqual([]);
  });

  it('validate a pod after the built-in mutation and before the scheduler runs it', () => {
    const { cluster, seen } = clusterWithRecorder();
    cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'example/app:1' }] },
    });
    const pod = seen.find(r => r.resource.kind === 'Pod')!.object!;
    expect(pod.spec.volumes.map((v: any) => v.name)).toEqual([
      expect.stringMatching(/^kube-api-access-/),
    ]);
    expect(pod.status).toBeUndefined();
    expect(
      cluster.get(cluster.type('v1', 'Pod'), 'default', 'p').status,
    ).toEqual(expect.objectContaining({ phase: 'Running' }));
  });
});
