import {
  AuthenticationV1TokenRequest,
  CoreV1Api,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  rawRequest,
  startTestKubernetes,
  TestKubernetes,
} from './__testUtils__';

jest.setTimeout(30_000);

describe('@kubernetes/client-node against the Kubernetes twin', () => {
  let k: TestKubernetes;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  const kc = new KubeConfig();

  beforeAll(async () => {
    k = await startTestKubernetes();
    kc.loadFromFile(k.twin.kubeconfigPath);
    kc.setCurrentContext('aks-prod');
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
  });
  afterAll(() => k.stop());

  it('creates a namespace, an annotated service account and a labelled deployment whose pods are mutated', async () => {
    await core.createNamespace({ body: { metadata: { name: 'payments' } } });
    await core.createNamespacedServiceAccount({
      namespace: 'payments',
      body: {
        metadata: {
          name: 'payments-worker',
          annotations: {
            'azure.workload.identity/client-id':
              '11111111-0000-0000-0000-000000000001',
          },
        },
      },
    });
    await apps.createNamespacedDeployment({
      namespace: 'payments',
      body: {
        metadata: { name: 'payments-worker' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'payments-worker' } },
          template: {
            metadata: {
              labels: {
                app: 'payments-worker',
                'azure.workload.identity/use': 'true',
              },
            },
            spec: {
              serviceAccountName: 'payments-worker',
              containers: [{ name: 'worker', image: 'example/worker:1' }],
            },
          },
        },
      },
    });
    const pods = await core.listNamespacedPod({
      namespace: 'payments',
      labelSelector: 'app=payments-worker',
    });
    expect(pods.items).toHaveLength(1);
    const env = Object.fromEntries(
      (pods.items[0].spec!.containers[0].env ?? []).map(e => [e.name, e.value]),
    );
    expect(env.AZURE_CLIENT_ID).toBe('11111111-0000-0000-0000-000000000001');
    const volume = pods.items[0].spec!.volumes!.find(v =>
      v.projected?.sources?.some(
        s => s.serviceAccountToken?.audience === 'api://AzureADTokenExchange',
      ),
    );
    expect(volume?.projected?.sources?.[0].serviceAccountToken).toMatchObject({
      expirationSeconds: 3600,
      path: 'token/azure-identity-token',
    });
  });

  it('requests a token (createNamespacedServiceAccountToken) as in the contract', async () => {
    const body: AuthenticationV1TokenRequest = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        audiences: ['api://AzureADTokenExchange'],
        expirationSeconds: 3600,
      },
    };
    const response = await core.createNamespacedServiceAccountToken({
      namespace: 'payments',
      name: 'payments-worker',
      body,
    });
    expect(response.status?.token?.split('.')).toHaveLength(3);
    expect(
      new Date(response.status!.expirationTimestamp!).getTime() - Date.now(),
    ).toBeGreaterThan(3500_000);
  });

  it('patches with merge patch and reads errors as ApiException with the Status body', async () => {
    await core.patchNamespacedServiceAccount(
      {
        namespace: 'payments',
        name: 'payments-worker',
        body: {
          metadata: {
            annotations: {
              'azure.workload.identity/tenant-id':
                '72f988bf-0000-0000-0000-000000000001',
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const sa = await core.readNamespacedServiceAccount({
      namespace: 'payments',
      name: 'payments-worker',
    });
    expect(
      sa.metadata?.annotations?.['azure.workload.identity/tenant-id'],
    ).toBe('72f988bf-0000-0000-0000-000000000001');
    await expect(
      core.readNamespacedServiceAccount({
        namespace: 'payments',
        name: 'nope',
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('lets the reader read pods but not secrets, and serves the issuer without authentication', async () => {
    const reader = new KubeConfig();
    reader.loadFromFile(k.twin.kubeconfigPath);
    reader.setCurrentContext('aks-prod-reader');
    const readerCore = reader.makeApiClient(CoreV1Api);
    expect(
      (await readerCore.listNamespacedPod({ namespace: 'payments' })).items,
    ).toHaveLength(1);
    await expect(
      readerCore.listNamespacedSecret({ namespace: 'payments' }),
    ).rejects.toMatchObject({ code: 403 });

    const issuer = k.twin.cluster('aks-prod').issuer.url;
    const discovery = await rawRequest(
      `${issuer}.well-known/openid-configuration`,
      k.twin.caCertPem,
    );
    expect(discovery.body).toEqual({
      issuer,
      jwks_uri: `${issuer}openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = await rawRequest(discovery.body.jwks_uri, k.twin.caCertPem);
    expect(jwks.headers['content-type']).toBe('application/jwk-set+json');
    expect(jwks.body.keys[0]).toMatchObject({
      use: 'sig',
      kty: 'RSA',
      alg: 'RS256',
      e: 'AQAB',
    });
    expect(
      (
        await rawRequest(
          `${k.twin.cluster('aks-prod').url}/api/v1/namespaces`,
          k.twin.caCertPem,
        )
      ).status,
    ).toBe(401);
  });

  it('stages a policy engine that strips the token volume the webhook added', async () => {
    const cluster = k.twin.cluster('aks-prod');
    cluster.faults.addWebhookFault({
      mode: 'strip-token-volume',
      namespace: 'payments',
    });
    try {
      cluster.restartDeployment('payments', 'payments-worker');
      const pods = await core.listNamespacedPod({
        namespace: 'payments',
        labelSelector: 'app=payments-worker',
      });
      const pod = pods.items.find(p => !p.metadata?.deletionTimestamp)!;
      const container = pod.spec!.containers[0];
      // Still told where to read the token, but nothing of that audience is mounted.
      expect(
        container.env?.find(e => e.name === 'AZURE_FEDERATED_TOKEN_FILE'),
      ).toBeDefined();
      expect(
        pod.spec!.volumes!.some(v =>
          v.projected?.sources?.some(
            s =>
              s.serviceAccountToken?.audience === 'api://AzureADTokenExchange',
          ),
        ),
      ).toBe(false);
      expect(container.volumeMounts!.map(m => m.name)).toEqual([
        expect.stringMatching(/^kube-api-access-/),
      ]);
    } finally {
      cluster.faults.clear();
    }
  });

  it("installs aad-pod-identity's CRDs on demand, and reset takes them away", async () => {
    const cluster = k.twin.cluster('aks-prod');
    const custom = kc.makeApiClient(CustomObjectsApi);
    const list = () =>
      custom.listNamespacedCustomObject({
        group: 'aadpodidentity.k8s.io',
        version: 'v1',
        namespace: 'payments',
        plural: 'azureidentitybindings',
      });
    await expect(list()).rejects.toMatchObject({ code: 404 });
    cluster.installAadPodIdentity();
    await expect(list()).resolves.toMatchObject({ items: [] });
    cluster.reset();
    await expect(list()).rejects.toMatchObject({ code: 404 });
  });
});
