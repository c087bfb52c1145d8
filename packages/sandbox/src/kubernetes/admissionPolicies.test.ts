import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import yaml from 'js-yaml';
import {
  rawRequest,
  startTestKubernetes,
  TestKubernetes,
} from './__testUtils__';
import {
  CLIENT_ID_POLICY,
  clientIdGrantsBinding,
  clientIdGrantsPolicy,
  DEFAULT_SA_POLICY,
  Grant,
  grantsConfigMap,
  GRANTS_NAMESPACE,
  noDefaultServiceAccountBinding,
  noDefaultServiceAccountPolicy,
} from './admissionPolicy/__testUtils__/workloadIdentityPolicies';

jest.setTimeout(60_000);

const ORDERS_CLIENT_ID = '4024ab25-5a3e-4f0e-9d3b-0b5c0e6f1a11';
const PAYMENTS_CLIENT_ID = '7b1e2c90-3f4d-4a6b-8c9e-1d2f3a4b5c6d';
const CLIENT_ID = 'azure.workload.identity/client-id';
const ordersGrant: Grant = {
  namespace: 'orders',
  clientId: ORDERS_CLIENT_ID,
  requestId: 'req-orders-1',
};

const documents = (objects: unknown[]) =>
  objects.map(o => yaml.dump(o)).join('---\n');

const clientIdDenial = (kind: string, name: string, clientId: string) =>
  `Error from server (Forbidden): ${kind} "${name}" is forbidden: ValidatingAdmissionPolicy '${CLIENT_ID_POLICY}' with binding '${CLIENT_ID_POLICY}' denied request: client id ${clientId} is not granted to namespace orders; request access to this identity in the developer portal\n`;

describe('ValidatingAdmissionPolicies in the Kubernetes twin, through kubectl', () => {
  let k: TestKubernetes;
  beforeAll(async () => {
    k = await startTestKubernetes({ clusters: [{ name: 'aks-prod' }] });
    const setup = await k.kubectl(
      ['apply', '-f', '-'],
      documents([
        ...['orders', 'payments', GRANTS_NAMESPACE].map(name => ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name },
        })),
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'orders-api', namespace: 'orders' },
        },
      ]),
    );
    if (setup.code !== 0) throw new Error(setup.stderr);
  });
  afterAll(() => k.stop());

  const annotate = (sa: string, clientId: string) =>
    k.kubectl([
      '-n',
      'orders',
      'annotate',
      'sa',
      sa,
      `${CLIENT_ID}=${clientId}`,
      '--overwrite',
    ]);

  it('installs the two guardrails and the grants with kubectl apply', async () => {
    const applied = await k.kubectl(
      ['apply', '-f', '-'],
      documents([
        clientIdGrantsPolicy(),
        clientIdGrantsBinding(),
        noDefaultServiceAccountPolicy(),
        noDefaultServiceAccountBinding({ productionNamespaces: ['orders'] }),
        grantsConfigMap([ordersGrant]),
      ]),
    );
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(applied.stdout).toBe(
      [
        `validatingadmissionpolicy.admissionregistration.k8s.io/${CLIENT_ID_POLICY} created`,
        `validatingadmissionpolicybinding.admissionregistration.k8s.io/${CLIENT_ID_POLICY} created`,
        `validatingadmissionpolicy.admissionregistration.k8s.io/${DEFAULT_SA_POLICY} created`,
        `validatingadmissionpolicybinding.admissionregistration.k8s.io/${DEFAULT_SA_POLICY} created`,
        'configmap/azure-workload-identity-grants created',
        '',
      ].join('\n'),
    );
    const listed = await k.kubectl(['get', 'validatingadmissionpolicies']);
    expect(listed.stdout.split('\n')[0]).toMatch(
      /^NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE$/,
    );
    expect(listed.stdout).toMatch(
      new RegExp(`${CLIENT_ID_POLICY}\\s+1\\s+v1/ConfigMap\\s`),
    );
    const bindings = await k.kubectl([
      'get',
      'validatingadmissionpolicybindings',
      CLIENT_ID_POLICY,
      '-o',
      'jsonpath={.spec.paramRef.name} {.spec.validationActions}',
    ]);
    expect(bindings.stdout).toBe('azure-workload-identity-grants ["Deny"]');
  });

  it("refuses another team's client id on a service account in orders, with kube-apiserver's wording", async () => {
    const refused = await annotate('orders-api', PAYMENTS_CLIENT_ID);
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: clientIdDenial(
        'serviceaccounts',
        'orders-api',
        PAYMENTS_CLIENT_ID,
      ),
    });
    const sa = await k.kubectl([
      '-n',
      'orders',
      'get',
      'sa',
      'orders-api',
      '-o',
      'jsonpath={.metadata.annotations}',
    ]);
    expect(sa.stdout).not.toContain(PAYMENTS_CLIENT_ID);
  });

  it('lets a granted client id through, and closes it again once the grant is removed', async () => {
    expect(await annotate('orders-api', ORDERS_CLIENT_ID)).toMatchObject({
      code: 0,
      stdout: 'serviceaccount/orders-api annotated\n',
      stderr: '',
    });

    const revoked = await k.kubectl(
      ['apply', '-f', '-'],
      documents([grantsConfigMap([])]),
    );
    expect(revoked.stdout).toBe(
      'configmap/azure-workload-identity-grants configured\n',
    );
    expect(
      await k.kubectl(['-n', 'orders', 'create', 'sa', 'orders-worker']),
    ).toMatchObject({ code: 0 });
    expect(await annotate('orders-worker', ORDERS_CLIENT_ID)).toMatchObject({
      code: 1,
      stderr: clientIdDenial(
        'serviceaccounts',
        'orders-worker',
        ORDERS_CLIENT_ID,
      ),
    });
    // The service account annotated while granted is refused any further change too.
    expect(
      (
        await k.kubectl([
          '-n',
          'orders',
          'label',
          'sa',
          'orders-api',
          'team=orders',
        ])
      ).stderr,
    ).toBe(clientIdDenial('serviceaccounts', 'orders-api', ORDERS_CLIENT_ID));
  });

  it('refuses a labelled pod on the default service account in a production namespace only', async () => {
    const refused = await k.kubectl([
      '-n',
      'orders',
      'run',
      'web',
      '--image=nginx:1.27',
      '--labels=azure.workload.identity/use=true',
    ]);
    expect(refused).toMatchObject({
      code: 1,
      stderr: `Error from server (Forbidden): pods "web" is forbidden: ValidatingAdmissionPolicy '${DEFAULT_SA_POLICY}' with binding '${DEFAULT_SA_POLICY}' denied request: pods using Azure workload identity in production namespace orders must not run as the default service account; set spec.serviceAccountName to the service account provisioned for the workload\n`,
    });
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'worker',
        labels: { 'azure.workload.identity/use': 'true' },
      },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    };
    const applied = await k.kubectl(
      ['-n', 'orders', 'apply', '-f', '-'],
      documents([pod]),
    );
    expect(applied.stderr).toBe(
      `Error from server (Forbidden): error when creating "STDIN": pods "worker" is forbidden: ValidatingAdmissionPolicy '${DEFAULT_SA_POLICY}' with binding '${DEFAULT_SA_POLICY}' denied request: pods using Azure workload identity in production namespace orders must not run as the default service account; set spec.serviceAccountName to the service account provisioned for the workload\n`,
    );
    expect(
      await k.kubectl(['-n', 'payments', 'apply', '-f', '-'], documents([pod])),
    ).toMatchObject({ code: 0, stdout: 'pod/worker created\n' });
  });

  it('with Audit and Warn, prints the warning, creates the object and records the failure for audit', async () => {
    const audited = await k.kubectl(
      ['apply', '-f', '-'],
      documents([
        clientIdGrantsBinding({ validationActions: ['Audit', 'Warn'] }),
      ]),
    );
    expect(audited.stdout).toBe(
      `validatingadmissionpolicybinding.admissionregistration.k8s.io/${CLIENT_ID_POLICY} configured\n`,
    );
    const sa = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'payments-copy',
        namespace: 'orders',
        annotations: { [CLIENT_ID]: PAYMENTS_CLIENT_ID },
      },
    };
    const created = await k.kubectl(['apply', '-f', '-'], documents([sa]));
    expect(created).toMatchObject({
      code: 0,
      stdout: 'serviceaccount/payments-copy created\n',
      stderr: `Warning: Validation failed for ValidatingAdmissionPolicy '${CLIENT_ID_POLICY}' with binding '${CLIENT_ID_POLICY}': client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal\n`,
    });

    const events = k.twin.cluster('aks-prod').auditLog.events();
    const event = events.find(e => e.objectRef.name === 'payments-copy')!;
    expect(event).toMatchObject({
      operation: 'CREATE',
      objectRef: { resource: 'serviceaccounts', namespace: 'orders' },
      user: { username: 'sandbox-admin' },
    });
    expect(event.responseStatus).toBeUndefined();
    expect(
      JSON.parse(
        event.annotations[
          'validation.policy.admission.k8s.io/validation_failure'
        ],
      ),
    ).toEqual([
      {
        message: `client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal`,
        policy: CLIENT_ID_POLICY,
        binding: CLIENT_ID_POLICY,
        expressionIndex: 0,
        validationActions: ['Audit', 'Warn'],
      },
    ]);
  });

  it('refuses policies and bindings a real API server refuses, with its wording', async () => {
    const binding = clientIdGrantsBinding({
      validationActions: ['Deny', 'Warn'],
    });
    expect(
      (await k.kubectl(['apply', '-f', '-'], documents([binding]))).stderr,
    ).toBe(
      `The ValidatingAdmissionPolicyBinding "${CLIENT_ID_POLICY}" is invalid: spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)\n`,
    );
    const unnamed = {
      ...clientIdGrantsBinding(),
      metadata: { name: 'unnamed' },
      spec: { validationActions: ['Deny'] },
    };
    expect(
      (await k.kubectl(['create', '-f', '-'], documents([unnamed]))).stderr,
    ).toBe(
      'The ValidatingAdmissionPolicyBinding "unnamed" is invalid: spec.policyName: Required value\n',
    );
    const policy = clientIdGrantsPolicy();
    const unmatched = {
      ...policy,
      metadata: { name: 'unmatched' },
      spec: { ...policy.spec, matchConstraints: {} },
    };
    expect(
      (await k.kubectl(['apply', '-f', '-'], documents([unmatched]))).stderr,
    ).toBe(
      'The ValidatingAdmissionPolicy "unmatched" is invalid: spec.matchConstraints.resourceRules: Required value\n',
    );
    const stored = await k.kubectl([
      'get',
      'validatingadmissionpolicybinding',
      CLIENT_ID_POLICY,
      '-o',
      'jsonpath={.spec.validationActions}',
    ]);
    expect(stored.stdout).toBe('["Audit","Warn"]');
  });
});

describe('ValidatingAdmissionPolicies in the Kubernetes twin, through @kubernetes/client-node', () => {
  let k: TestKubernetes;
  let core: CoreV1Api;
  let admission: AdmissionregistrationV1Api;

  beforeAll(async () => {
    k = await startTestKubernetes({ clusters: [{ name: 'aks-prod' }] });
    const kc = new KubeConfig();
    kc.loadFromFile(k.twin.kubeconfigPath);
    kc.setCurrentContext('aks-prod');
    core = kc.makeApiClient(CoreV1Api);
    admission = kc.makeApiClient(AdmissionregistrationV1Api);
  });
  afterAll(() => k.stop());

  it('writes the guardrails with the admissionregistration API and refuses an ungranted client id with a Status', async () => {
    for (const name of ['orders', GRANTS_NAMESPACE])
      await core.createNamespace({ body: { metadata: { name } } });
    await core.createNamespacedConfigMap({
      namespace: GRANTS_NAMESPACE,
      body: grantsConfigMap([ordersGrant]) as any,
    });
    await admission.createValidatingAdmissionPolicy({
      body: clientIdGrantsPolicy() as any,
    });
    const binding = await admission.createValidatingAdmissionPolicyBinding({
      body: clientIdGrantsBinding() as any,
    });
    expect(binding.spec?.validationActions).toEqual(['Deny']);
    const policies = await admission.listValidatingAdmissionPolicy();
    expect(policies.items.map(p => p.metadata?.name)).toEqual([
      CLIENT_ID_POLICY,
    ]);
    expect(policies.items[0].spec?.failurePolicy).toBe('Fail');

    const serviceAccount = (clientId: string) => ({
      metadata: { name: 'orders-api', annotations: { [CLIENT_ID]: clientId } },
    });
    const refusal = await core
      .createNamespacedServiceAccount({
        namespace: 'orders',
        body: serviceAccount(PAYMENTS_CLIENT_ID),
      })
      .then(
        () => undefined,
        (e: { code: number; body: string }) => e,
      );
    expect(refusal?.code).toBe(403);
    expect(JSON.parse(refusal!.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      message: `serviceaccounts "orders-api" is forbidden: ValidatingAdmissionPolicy '${CLIENT_ID_POLICY}' with binding '${CLIENT_ID_POLICY}' denied request: client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal`,
      details: { name: 'orders-api', kind: 'serviceaccounts' },
    });
    const created = await core.createNamespacedServiceAccount({
      namespace: 'orders',
      body: serviceAccount(ORDERS_CLIENT_ID),
    });
    expect(created.metadata?.annotations?.[CLIENT_ID]).toBe(ORDERS_CLIENT_ID);
  });

  it('sends warnings as Warning headers, also on a refusal', async () => {
    // A second binding of the same policy that only warns.
    await admission.createValidatingAdmissionPolicyBinding({
      body: {
        ...clientIdGrantsBinding({ validationActions: ['Warn'] }),
        metadata: { name: 'client-id-warn' },
      } as any,
    });
    const cluster = k.twin.cluster('aks-prod');
    const answer = await rawRequest(
      `${cluster.url}/api/v1/namespaces/orders/serviceaccounts`,
      k.twin.caCertPem,
      {
        method: 'POST',
        token: cluster.tokens.admin,
        body: {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: {
            name: 'copy',
            annotations: { [CLIENT_ID]: 'say "hi"' },
          },
        },
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.warning).toBe(
      `299 - "Validation failed for ValidatingAdmissionPolicy '${CLIENT_ID_POLICY}' with binding 'client-id-warn': client id say \\"hi\\" is not granted to namespace orders; request access to this identity in the developer portal"`,
    );
  });
});
