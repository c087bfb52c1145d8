import { startTestKubernetes, TestKubernetes } from '../__testUtils__';
import { KubernetesCluster } from '../cluster';
import { mutatePod, WI } from './mutation';

const pod = (
  name: string,
  labels: Record<string, string> = { [WI.useLabel]: 'true' },
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'orders', labels, annotations },
  spec: {
    serviceAccountName: 'orders-api',
    containers: [
      { name: 'app', image: 'example/app:1' },
      { name: 'istio-proxy', image: 'istio/proxyv2:1' },
    ],
  },
});

describe('the workload identity webhook', () => {
  it('mutates exactly as contracts/examples/k8s-webhook-mutation.json says (v1.5 and v1.6)', () => {
    const sa = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'orders-api',
        namespace: 'orders',
        annotations: {
          [WI.clientIdAnnotation]: '4024ab25-56a8-4370-aea6-6389221caf29',
          [WI.tenantIdAnnotation]: '72f988bf-0000-0000-0000-000000000001',
          [WI.expirationAnnotation]: '3600',
        },
      },
    };
    const p = pod(
      'p',
      { [WI.useLabel]: 'true' },
      { [WI.skipContainersAnnotation]: 'istio-proxy;log-shipper' },
    );
    p.spec.containers.push({ name: 'log-shipper', image: 'x:1' });
    const cases = [
      {
        version: { major: 1, minor: 5 },
        file: '/var/run/secrets/azure/tokens/azure-identity-token',
        mountPath: '/var/run/secrets/azure/tokens',
        path: 'azure-identity-token',
        volume: /^azure-identity-token$/,
      },
      {
        version: { major: 1, minor: 6 },
        file: '/var/run/secrets/azure/wi/token/azure-identity-token',
        mountPath: '/var/run/secrets/azure/wi',
        path: 'token/azure-identity-token',
        volume: /^azure-workload-identity-reserved-[0-9a-f]{30}$/,
      },
    ];
    for (const c of cases) {
      const out = mutatePod(p as any, sa, {
        version: c.version,
        tenantId: 'ignored-when-annotated',
        authorityHost: WI.publicAuthorityHost,
      });
      const app = out.spec.containers[0];
      expect(app.env).toEqual([
        {
          name: 'AZURE_CLIENT_ID',
          value: '4024ab25-56a8-4370-aea6-6389221caf29',
        },
        {
          name: 'AZURE_TENANT_ID',
          value: '72f988bf-0000-0000-0000-000000000001',
        },
        { name: 'AZURE_FEDERATED_TOKEN_FILE', value: c.file },
        {
          name: 'AZURE_AUTHORITY_HOST',
          value: 'https://login.microsoftonline.com/',
        },
      ]);
      const volume = out.spec.volumes[0];
      expect(volume.name).toMatch(c.volume);
      expect(app.volumeMounts).toEqual([
        { name: volume.name, mountPath: c.mountPath, readOnly: true },
      ]);
      expect(volume.projected.sources).toEqual([
        {
          serviceAccountToken: {
            path: c.path,
            expirationSeconds: 3600,
            audience: 'api://AzureADTokenExchange',
          },
        },
      ]);
      expect(out.spec.containers[1]).toEqual(p.spec.containers[1]);
      expect(out.spec.containers[2]).toEqual(p.spec.containers[2]);
    }
  });

  it('never overrides a variable the container sets, and skips empty values', () => {
    const p = pod('p');
    (p.spec.containers[0] as any).env = [
      { name: 'AZURE_CLIENT_ID', value: 'mine' },
    ];
    const sa = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'orders-api',
        annotations: {
          [WI.clientIdAnnotation]: 'theirs',
          [WI.tenantIdAnnotation]: '',
        },
      },
    };
    const out = mutatePod(p as any, sa, {
      version: { major: 1, minor: 6 },
      tenantId: 't',
      authorityHost: 'https://login/',
    });
    expect(
      out.spec.containers[0].env.map((e: any) => `${e.name}=${e.value}`),
    ).toEqual([
      'AZURE_CLIENT_ID=mine',
      'AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/wi/token/azure-identity-token',
      'AZURE_AUTHORITY_HOST=https://login/',
    ]);
  });

  describe('in a cluster', () => {
    let k: TestKubernetes;
    let cluster: KubernetesCluster;
    beforeAll(async () => {
      k = await startTestKubernetes({ clusters: [{ name: 'aks-prod' }] });
      cluster = k.twin.cluster('aks-prod');
      cluster.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'orders' },
      });
      cluster.create({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name: 'orders-api',
          namespace: 'orders',
          annotations: { [WI.clientIdAnnotation]: 'c1' },
        },
      });
    });
    afterAll(() => k.stop());
    const hasToken = (p: any) => JSON.stringify(p.spec).includes(WI.audience);

    it('mutates labelled pods only, and pods keep their spec when the service account changes', () => {
      expect(hasToken(cluster.create(pod('a')))).toBe(true);
      expect(hasToken(cluster.create(pod('b', {})))).toBe(false);
      expect(
        hasToken(cluster.create(pod('c', { [WI.useLabel]: 'True' }))),
      ).toBe(false);
      cluster.patch(
        cluster.type('v1', 'ServiceAccount'),
        'orders',
        'orders-api',
        'merge',
        { metadata: { annotations: { [WI.clientIdAnnotation]: 'c2' } } },
      );
      const a = cluster.find('v1', 'Pod', 'orders', 'a')!;
      expect(
        a.spec.containers[0].env.find((e: any) => e.name === 'AZURE_CLIENT_ID')
          .value,
      ).toBe('c1');
    });

    it('refuses an invalid token expiration, as the webhook does', async () => {
      expect(() =>
        cluster.create(
          pod(
            'd',
            { [WI.useLabel]: 'true' },
            { [WI.expirationAnnotation]: '600' },
          ),
        ),
      ).toThrow(
        'admission webhook "mutation.azure-workload-identity.io" denied the request: token expiration 600 not valid. Expected value to be between 3600 and 86400',
      );
      const out = await k.kubectl([
        '-n',
        'orders',
        'run',
        'e',
        '--image',
        'x:1',
        '--labels',
        `${WI.useLabel}=true`,
        '--overrides',
        JSON.stringify({ spec: { serviceAccountName: 'nope' } }),
      ]);
      expect(out.stderr).toContain(
        'pods "e" is forbidden: error looking up service account orders/nope: serviceaccount "nope" not found',
      );
    });

    it('fails labelled pods when the webhook has no endpoints, and lets all pods through once its configuration is deleted', async () => {
      expect(
        (
          await k.kubectl([
            '-n',
            'kube-system',
            'scale',
            'deployment',
            WI.deploymentName,
            '--replicas=0',
          ])
        ).code,
      ).toBe(0);
      expect(() => cluster.create(pod('f'))).toThrow(
        `no endpoints available for service "${WI.serviceName}"`,
      );
      // The Service's EndpointSlice says so too, as the portal's inspector reads it.
      const readyEndpoints = () =>
        cluster
          .list(cluster.type('discovery.k8s.io/v1', 'EndpointSlice'), {
            namespace: 'kube-system',
          })
          .filter(
            s =>
              s.metadata.labels?.['kubernetes.io/service-name'] ===
              WI.serviceName,
          )
          .flatMap((s: any) => s.endpoints ?? [])
          .filter((e: any) => e.conditions?.ready).length;
      expect(readyEndpoints()).toBe(0);
      expect(hasToken(cluster.create(pod('g', {})))).toBe(false);
      expect(
        (
          await k.kubectl([
            '-n',
            'kube-system',
            'scale',
            'deployment',
            WI.deploymentName,
            '--replicas=2',
          ])
        ).code,
      ).toBe(0);
      expect(hasToken(cluster.create(pod('h')))).toBe(true);
      expect(readyEndpoints()).toBe(2);
      expect(
        (
          await k.kubectl([
            'delete',
            'mutatingwebhookconfiguration',
            WI.configName,
          ])
        ).code,
      ).toBe(0);
      expect(hasToken(cluster.create(pod('i')))).toBe(false);
    });
  });
});
