import { startTestKubernetes, TestKubernetes } from './__testUtils__';

const manifests = (image: string, labelled = true) => `
apiVersion: v1
kind: Namespace
metadata:
  name: orders
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: orders
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: orders
  labels:
    backstage.io/kubernetes-id: orders-api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: orders-api
  template:
    metadata:
      labels:
        app: orders-api
        backstage.io/kubernetes-id: orders-api
${labelled ? '        azure.workload.identity/use: "true"\n' : ''}    spec:
      serviceAccountName: orders-api
      containers:
        - name: app
          image: ${image}
          env:
            - name: LOG_LEVEL
              value: info
`;

jest.setTimeout(30_000);

describe('kubectl against the Kubernetes twin', () => {
  let k: TestKubernetes;
  beforeAll(async () => {
    k = await startTestKubernetes();
  });
  afterAll(() => k.stop());

  it('discovers the API and lists system objects', async () => {
    const ns = await k.kubectl(['get', 'namespaces']);
    expect(ns.code).toBe(0);
    expect(ns.stdout).toMatch(/^NAME\s+STATUS\s+AGE/);
    expect(ns.stdout).toContain('kube-system');
    const resources = await k.kubectl([
      'api-resources',
      '--namespaced=true',
      '-o',
      'name',
    ]);
    expect(resources.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'pods',
        'serviceaccounts',
        'secrets',
        'configmaps',
        'deployments.apps',
        'replicasets.apps',
      ]),
    );
    const webhook = await k.kubectl(['get', 'mutatingwebhookconfigurations']);
    expect(webhook.stdout).toContain(
      'azure-wi-webhook-mutating-webhook-configuration',
    );
  });

  it('applies ServiceAccount and Deployment manifests, and re-applies changes as a rollout', async () => {
    const created = await k.kubectl(
      ['apply', '-f', '-'],
      manifests('ghcr.io/example/orders-api:1.0.0'),
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toBe(
      'namespace/orders created\nserviceaccount/orders-api created\ndeployment.apps/orders-api created\n',
    );
    const pods = await k.kubectl([
      '-n',
      'orders',
      'get',
      'pods',
      '-l',
      'app=orders-api',
      '-o',
      'jsonpath={.items[*].status.phase}',
    ]);
    expect(pods.stdout).toBe('Running Running');

    const again = await k.kubectl(
      ['apply', '-f', '-'],
      manifests('ghcr.io/example/orders-api:1.1.0'),
    );
    expect(again.stdout).toBe(
      'namespace/orders unchanged\nserviceaccount/orders-api unchanged\ndeployment.apps/orders-api configured\n',
    );
    const images = await k.kubectl([
      '-n',
      'orders',
      'get',
      'pods',
      '-o',
      'jsonpath={.items[*].spec.containers[0].image}',
    ]);
    expect(images.stdout).toBe(
      'ghcr.io/example/orders-api:1.1.0 ghcr.io/example/orders-api:1.1.0',
    );
    const rs = await k.kubectl(['-n', 'orders', 'get', 'rs', '--no-headers']);
    expect(rs.stdout.trim().split('\n')).toHaveLength(2);
    const status = await k.kubectl([
      '-n',
      'orders',
      'rollout',
      'status',
      'deployment/orders-api',
      '--timeout=10s',
    ]);
    expect(status.stdout).toContain('successfully rolled out');
  });

  it('annotates and labels, refusing to overwrite without --overwrite', async () => {
    const annotate = await k.kubectl([
      '-n',
      'orders',
      'annotate',
      'sa',
      'orders-api',
      'azure.workload.identity/client-id=4024ab25-56a8-4370-aea6-6389221caf29',
    ]);
    expect(annotate).toMatchObject({
      code: 0,
      stdout: 'serviceaccount/orders-api annotated\n',
    });
    const clash = await k.kubectl([
      '-n',
      'orders',
      'annotate',
      'sa',
      'orders-api',
      'azure.workload.identity/client-id=other',
    ]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      "--overwrite is false but found the following declared annotation(s): 'azure.workload.identity/client-id' already has a value",
    );
    const label = await k.kubectl([
      '-n',
      'orders',
      'label',
      'deployment',
      'orders-api',
      'team=orders',
    ]);
    expect(label.stdout).toBe('deployment.apps/orders-api labeled\n');
    const sa = JSON.parse(
      (
        await k.kubectl([
          '-n',
          'orders',
          'get',
          'sa',
          'orders-api',
          '-o',
          'json',
        ])
      ).stdout,
    );
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe(
      '4024ab25-56a8-4370-aea6-6389221caf29',
    );
  });

  it('keeps running pods as they were until restarted, then injects the new client id', async () => {
    const before = await k.kubectl([
      '-n',
      'orders',
      'get',
      'pods',
      '-o',
      'jsonpath={.items[0].spec.containers[0].env[*].name}',
    ]);
    expect(before.stdout).not.toContain('AZURE_CLIENT_ID');
    expect(
      (
        await k.kubectl([
          '-n',
          'orders',
          'rollout',
          'restart',
          'deployment/orders-api',
        ])
      ).code,
    ).toBe(0);
    const after = await k.kubectl([
      '-n',
      'orders',
      'describe',
      'pods',
      '-l',
      'app=orders-api',
    ]);
    expect(after.stdout).toMatch(
      /AZURE_CLIENT_ID:\s+4024ab25-56a8-4370-aea6-6389221caf29/,
    );
    expect(after.stdout).toMatch(
      /AZURE_FEDERATED_TOKEN_FILE:\s+\/var\/run\/secrets\/azure\/wi\/token\/azure-identity-token/,
    );
    expect(after.stdout).toMatch(/LOG_LEVEL:\s+info/);
    expect(after.stdout).toContain('Controlled By:  ReplicaSet/orders-api-');
  });

  it('describes deployments with their replica sets and events', async () => {
    const out = await k.kubectl([
      '-n',
      'orders',
      'describe',
      'deployment',
      'orders-api',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/,
    );
    expect(out.stdout).toMatch(
      /NewReplicaSet:\s+orders-api-\w+ \(2\/2 replicas created\)/,
    );
    expect(out.stdout).toMatch(
      /ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set orders-api-\w+ from 0 to 2/,
    );
  });

  it('creates service-account tokens signed for the requested audience', async () => {
    const out = await k.kubectl([
      '-n',
      'orders',
      'create',
      'token',
      'orders-api',
      '--audience',
      'api://AzureADTokenExchange',
      '--duration',
      '2h',
    ]);
    expect(out.code).toBe(0);
    const claims = JSON.parse(
      Buffer.from(out.stdout.trim().split('.')[1], 'base64url').toString(),
    );
    expect(claims).toMatchObject({
      iss: k.twin.cluster('aks-prod').issuer.url,
      sub: 'system:serviceaccount:orders:orders-api',
      aud: ['api://AzureADTokenExchange'],
      'kubernetes.io': {
        namespace: 'orders',
        serviceaccount: { name: 'orders-api' },
      },
    });
    expect(claims.exp - claims.iat).toBe(7200);
    const missing = await k.kubectl([
      '-n',
      'orders',
      'create',
      'token',
      'nope',
    ]);
    expect(missing).toMatchObject({
      code: 1,
      stderr:
        'error: failed to create token: serviceaccounts "nope" not found\n',
    });
  });

  it('answers errors the way a real API server does', async () => {
    expect(
      await k.kubectl(['-n', 'orders', 'get', 'sa', 'nope']),
    ).toMatchObject({
      code: 1,
      stderr:
        'Error from server (NotFound): serviceaccounts "nope" not found\n',
    });
    expect(
      (await k.kubectl(['-n', 'orders', 'create', 'sa', 'orders-api'])).stderr,
    ).toBe(
      'error: failed to create serviceaccount: serviceaccounts "orders-api" already exists\n',
    );
    expect(
      (await k.kubectl(['-n', 'nowhere', 'create', 'sa', 'x'])).stderr,
    ).toBe(
      'error: failed to create serviceaccount: namespaces "nowhere" not found\n',
    );
    const invalid = await k.kubectl([
      '-n',
      'orders',
      'create',
      'sa',
      'Bad_Name',
    ]);
    expect(invalid.stderr).toContain(
      'error: failed to create serviceaccount: ServiceAccount "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    );
    const secrets = await k.kubectl([
      '--context',
      'aks-prod-reader',
      '-n',
      'orders',
      'get',
      'secrets',
    ]);
    expect(secrets).toMatchObject({
      code: 1,
      stderr:
        'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:backstage-system:backstage-reader" cannot list resource "secrets" in API group "" in the namespace "orders"\n',
    });
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod-reader',
          '-n',
          'orders',
          'get',
          'pods',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod-reader',
          '-n',
          'orders',
          'delete',
          'sa',
          'orders-api',
        ])
      ).stderr,
    ).toContain('Error from server (Forbidden)');
  });

  it('lets RBAC objects grant and take rights, as the platform team would', async () => {
    const grant = await k.kubectl([
      '-n',
      'orders',
      'create',
      'rolebinding',
      'portal-secrets',
      '--clusterrole',
      'backstage-workload-identity-secrets-reader',
      '--serviceaccount',
      'backstage-system:backstage-reader',
    ]);
    expect(grant.code).toBe(0);
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod-reader',
          'auth',
          'can-i',
          'list',
          'secrets',
          '-n',
          'orders',
        ])
      ).stdout,
    ).toBe('yes\n');
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod-reader',
          '-n',
          'orders',
          'get',
          'secrets',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await k.kubectl([
          '-n',
          'orders',
          'delete',
          'rolebinding',
          'portal-secrets',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod-reader',
          'auth',
          'can-i',
          'list',
          'secrets',
          '-n',
          'orders',
        ])
      ).stdout,
    ).toBe('no\n');
  });

  it('deletes pods (the replica set replaces them), deployments with their pods, and namespaces', async () => {
    const pod = (
      await k.kubectl([
        '-n',
        'orders',
        'get',
        'pods',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ])
    ).stdout;
    expect(
      await k.kubectl(['-n', 'orders', 'delete', 'pod', pod]),
    ).toMatchObject({ code: 0, stdout: `pod "${pod}" deleted\n` });
    const names = (
      await k.kubectl([
        '-n',
        'orders',
        'get',
        'pods',
        '-o',
        'jsonpath={.items[*].metadata.name}',
      ])
    ).stdout.split(' ');
    expect(names).toHaveLength(2);
    expect(names).not.toContain(pod);
    expect(
      (await k.kubectl(['-n', 'orders', 'delete', 'deployment', 'orders-api']))
        .stdout,
    ).toBe('deployment.apps "orders-api" deleted\n');
    expect(
      (await k.kubectl(['-n', 'orders', 'get', 'pods,rs', '--no-headers']))
        .stdout,
    ).toBe('');
    expect(
      (await k.kubectl(['-n', 'orders', 'delete', 'sa', 'nope'])).stderr,
    ).toBe('Error from server (NotFound): serviceaccounts "nope" not found\n');
    expect((await k.kubectl(['delete', 'namespace', 'orders'])).stdout).toBe(
      'namespace "orders" deleted\n',
    );
    expect((await k.kubectl(['get', 'namespace', 'orders'])).stderr).toBe(
      'Error from server (NotFound): namespaces "orders" not found\n',
    );
  });

  it('serves each cluster separately, each with its own issuer', async () => {
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-dev',
          'get',
          'ns',
          'kube-system',
          '-o',
          'name',
        ])
      ).stdout,
    ).toBe('namespace/kube-system\n');
    expect(k.twin.cluster('aks-dev').issuer.url).not.toBe(
      k.twin.cluster('aks-prod').issuer.url,
    );
    expect(k.twin.cluster('aks-dev').issuer.url).toMatch(
      /^https:\/\/localhost:\d+\/72f988bf-0000-0000-0000-000000000001\/[0-9a-f-]{36}\/$/,
    );
    const crds = await k.kubectl([
      '--context',
      'aks-dev',
      'get',
      'azureidentitybindings',
      '-A',
    ]);
    expect(crds.code).toBe(0);
    expect(
      (
        await k.kubectl([
          '--context',
          'aks-prod',
          'get',
          'azureidentitybindings',
          '-A',
        ])
      ).stderr,
    ).toContain(
      `the server doesn't have a resource type "azureidentitybindings"`,
    );
  });
});
