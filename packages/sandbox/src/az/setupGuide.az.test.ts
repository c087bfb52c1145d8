import { promises as fs } from 'node:fs';
import path from 'node:path';
import { podsOf, runWorkload } from '../workload';
import {
  AzDemoSandbox,
  startAzDemoSandbox,
} from './__testUtils__/azDemoSandbox';
import { run } from './__testUtils__/azSession';

// Every az call starts a Python interpreter (about a second and a half).
jest.setTimeout(120_000);

const PYTHON = path.join(__dirname, 'python');
const TENANT = '72f988bf-0000-0000-0000-000000000001';

/**
 * Seed guide 001 ("Microsoft Entra Workload Identity on AKS"), steps 1–7, run as a person
 * runs them: a shell that sourced az.env, Debian's az 2.45, kubectl and /usr/bin/python3.
 * The commands are the guide's, with its placeholders filled with the sandbox's names:
 * `<rg>` is rg-aks and `<cluster>` aks-prod (the default subscription's cluster), and
 * `<your-keyvault>` the demo's kv-orders, which lives in rg-apps. Where the guide cannot run
 * as written, the step says why and runs the nearest command that does.
 */
describe('seed guide 001, steps 1–7, with az and kubectl', () => {
  let t: AzDemoSandbox;
  let work: string;
  let port: string;
  const vars: Record<string, string> = {};

  /** `sh -c script` in the shell that sourced az.env, with the guide's variables so far. */
  const sh = (script: string, extra: Record<string, string> = {}) =>
    run('/bin/sh', ['-c', script], {
      ...t.session.env,
      // Debian's az, kubectl and python3, whatever else is on the test's PATH.
      PATH: '/usr/bin:/bin',
      HOME: work,
      KUBECONFIG: path.join(work, 'kubeconfig'),
      ...vars,
      ...extra,
    });

  beforeAll(async () => {
    t = await startAzDemoSandbox();
    work = path.join(t.dir, 'guide');
    await fs.mkdir(work);
    port = new URL(t.sandbox.azure.url).port;
  });
  afterAll(() => t?.stop());

  it('step 1: enables the OIDC issuer with az aks update and reads its URL', async () => {
    // Debian's az 2.45 predates --enable-workload-identity (added in az 2.47,
    // Azure/azure-cli#25966), so the guide's command stops at az's own argument parser.
    const literal = await sh(
      'az aks update --resource-group rg-aks --name aks-prod --enable-oidc-issuer --enable-workload-identity',
    );
    expect(literal.code).toBe(2);
    expect(literal.stderr).toContain(
      'unrecognized arguments: --enable-workload-identity',
    );

    // What az 2.45 can send: GET, then PUT of the whole cluster with the OIDC issuer on.
    const update = await sh(
      'az aks update --resource-group rg-aks --name aks-prod --enable-oidc-issuer --query "[provisioningState, oidcIssuerProfile.enabled, securityProfile.workloadIdentity.enabled]" -o tsv',
    );
    expect(update.stderr).toBe('');
    expect(update.stdout.split(/\s+/).filter(Boolean)).toEqual([
      'Succeeded',
      'true',
      'true',
    ]);

    const issuer = await sh(
      'OIDC_ISSUER=$(az aks show --resource-group rg-aks --name aks-prod --query "oidcIssuerProfile.issuerUrl" -o tsv)\necho $OIDC_ISSUER',
    );
    expect(issuer.stderr).toBe('');
    vars.OIDC_ISSUER = issuer.stdout.trim();
    const cluster = t.sandbox
      .demo!.kubernetes.clusterInfo()
      .find(c => c.name === 'aks-prod')!;
    // The cluster kept its issuer, the one its service account tokens carry.
    expect(vars.OIDC_ISSUER).toBe(cluster.issuerUrl);
  });

  it('step 2: creates the managed identity and reads its client and principal ids', async () => {
    const created = await sh(
      'az identity create --resource-group rg-aks --name nerdsolv-workload-identity -o json',
    );
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'nerdsolv-workload-identity',
      resourceGroup: 'rg-aks',
      location: 'eastus',
      tenantId: TENANT,
    });
    const ids = await sh(`CLIENT_ID=$(az identity show \\
--resource-group rg-aks \\
--name nerdsolv-workload-identity \\
--query clientId -o tsv)
PRINCIPAL_ID=$(az identity show \\
--resource-group rg-aks \\
--name nerdsolv-workload-identity \\
--query principalId -o tsv)
echo "$CLIENT_ID $PRINCIPAL_ID"`);
    expect(ids.stderr).toBe('');
    [vars.CLIENT_ID, vars.PRINCIPAL_ID] = ids.stdout.trim().split(' ');
    expect(vars.CLIENT_ID).toBe(JSON.parse(created.stdout).clientId);
    expect(vars.PRINCIPAL_ID).toBe(JSON.parse(created.stdout).principalId);
  });

  it('step 3: creates the namespace and the annotated service account with kubectl', async () => {
    // The prerequisite "kubectl configured against your cluster". The portal's principal
    // signs in to Kubernetes as itself with the user credential and may not create
    // namespaces, so, as a cluster's admin would, it takes the admin credential.
    const credentials = await sh(
      'az aks get-credentials --resource-group rg-aks --name aks-prod --admin --file "$KUBECONFIG"',
    );
    expect(credentials.code).toBe(0);
    expect(credentials.stderr).toContain('Merged "aks-prod-admin"');

    expect(await sh('kubectl create namespace app-workloads')).toMatchObject({
      code: 0,
      stdout: 'namespace/app-workloads created\n',
    });
    await fs.writeFile(
      path.join(work, 'serviceaccount.yaml'),
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: nerdsolv-sa
  namespace: app-workloads
  annotations:
    azure.workload.identity/client-id: "${vars.CLIENT_ID}"
  labels:
    azure.workload.identity/use: "true"
`,
    );
    expect(
      await sh('cd "$HOME" && kubectl apply -f serviceaccount.yaml'),
    ).toMatchObject({ code: 0, stdout: 'serviceaccount/nerdsolv-sa created\n' });
  });

  it('step 4: creates the federated credential for the service account', async () => {
    const fic = await sh(`az identity federated-credential create \\
--name nerdsolv-fed-credential \\
--identity-name nerdsolv-workload-identity \\
--resource-group rg-aks \\
--issuer $OIDC_ISSUER \\
--subject "system:serviceaccount:app-workloads:nerdsolv-sa" \\
--audiences api://AzureADTokenExchange`);
    expect(fic.stderr).toBe('');
    expect(JSON.parse(fic.stdout)).toMatchObject({
      name: 'nerdsolv-fed-credential',
      issuer: vars.OIDC_ISSUER,
      subject: 'system:serviceaccount:app-workloads:nerdsolv-sa',
      audiences: ['api://AzureADTokenExchange'],
    });
  });

  it('step 5: grants the identity Key Vault Secrets User on the vault', async () => {
    const granted = await sh(`KEY_VAULT_ID=$(az keyvault show \\
--name kv-orders \\
--resource-group rg-apps \\
--query id -o tsv)
az role assignment create \\
--role "Key Vault Secrets User" \\
--assignee-object-id $PRINCIPAL_ID \\
--assignee-principal-type ServicePrincipal \\
--scope $KEY_VAULT_ID`);
    expect(granted.stderr).toBe('');
    expect(JSON.parse(granted.stdout)).toMatchObject({
      principalId: vars.PRINCIPAL_ID,
      principalType: 'ServicePrincipal',
      // Key Vault Secrets User (built-in role id).
      roleDefinitionId: expect.stringMatching(
        /\/roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/,
      ),
      scope:
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders',
    });

    // The guide reads a secret the vault already holds. The portal's principal writes it:
    // Debian's az 2.45 cannot run `az keyvault secret set` (it needs the track-1
    // azure-keyvault 1.1 package, azure.keyvault.v7_0, which Debian does not ship), so the
    // same call goes through `az rest` to the vault's own host.
    const written = await sh(`ME=$(az account show --query user.name -o tsv)
KEY_VAULT_ID=$(az keyvault show --name kv-orders --resource-group rg-apps --query id -o tsv)
az role assignment create --role "Key Vault Secrets Officer" --assignee "$ME" --scope "$KEY_VAULT_ID" -o none
az rest --method put --url "https://kv-orders.vault.localhost:${port}/secrets/my-secret?api-version=7.4" \\
  --resource "https://vault.localhost:${port}" --body '{"value": "hello from kv-orders"}' --query id -o tsv`);
    expect(written.stderr).toBe('');
    expect(written.stdout).toMatch(
      new RegExp(
        `^https://kv-orders\\.vault\\.localhost:${port}/secrets/my-secret/[0-9a-f]{32}\\n$`,
      ),
    );
  });

  it('step 6: deploys the workload; the webhook injects the identity variables', async () => {
    vars.KEYVAULT_URL = `https://kv-orders.vault.localhost:${port}`;
    await fs.writeFile(
      path.join(work, 'deployment.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nerdsolv-app
  namespace: app-workloads
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nerdsolv-app
  template:
    metadata:
      labels:
        app: nerdsolv-app
        azure.workload.identity/use: "true" # required
    spec:
      serviceAccountName: nerdsolv-sa # the annotated SA
      containers:
      - name: app
        image: mcr.microsoft.com/azure-cli:latest
        command: ["sleep", "infinity"]
        env:
        - name: KEYVAULT_URL
          value: "${vars.KEYVAULT_URL}"
`,
    );
    expect(await sh('cd "$HOME" && kubectl apply -f deployment.yaml')).toEqual(
      {
        code: 0,
        stdout: 'deployment.apps/nerdsolv-app created\n',
        stderr: '',
      },
    );

    // The twin's API server runs no containers and serves no exec (a streaming protocol,
    // WebSocket or SPDY): kubectl exec is answered 404.
    const exec = await sh(
      'kubectl exec -n app-workloads deploy/nerdsolv-app -- env | grep AZURE',
    );
    expect(exec.code).not.toBe(0);
    expect(exec.stderr).toContain(
      'Error from server (NotFound): the server could not find the requested resource',
    );

    // The same variables, read from the pod the webhook mutated.
    const env = await sh(
      `kubectl get pod -n app-workloads -l app=nerdsolv-app -o jsonpath='{range .items[0].spec.containers[0].env[*]}{.name}={.value}{"\\n"}{end}' | grep AZURE`,
    );
    expect(env.stdout.trim().split('\n')).toEqual([
      `AZURE_CLIENT_ID=${vars.CLIENT_ID}`,
      `AZURE_TENANT_ID=${TENANT}`,
      // Webhook v1.6's path; the guide shows the older /var/run/secrets/azure/tokens/.
      'AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/wi/token/azure-identity-token',
      `AZURE_AUTHORITY_HOST=${t.sandbox.azure.url}`,
    ]);
  });

  /** The pod's environment on this machine: its projected token written to a file. */
  const pod = async () => {
    const twin = t.sandbox.demo!.kubernetes;
    const [p] = podsOf(twin, {
      cluster: 'aks-prod',
      namespace: 'app-workloads',
      deployment: 'nerdsolv-app',
    });
    return runWorkload({
      twin,
      cluster: 'aks-prod',
      namespace: 'app-workloads',
      pod: p.metadata.name,
    });
  };

  it("step 6: reads the secret with az as the pod, signed in with the pod's token", async () => {
    const workload = await pod();
    // The pod's own az: the sandbox cloud, nobody signed in yet.
    const podConfig = path.join(work, 'pod-az');
    await fs.cp(t.session.env.AZURE_CONFIG_DIR, podConfig, { recursive: true });
    await sh('az logout', { AZURE_CONFIG_DIR: podConfig });
    const read = await sh(
      `az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" \\
  --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")" -o none
az rest --url "$KEYVAULT_URL/secrets/my-secret?api-version=7.4" \\
  --resource "https://vault.localhost:${port}" --query value -o tsv`,
      { ...workload.env, AZURE_CONFIG_DIR: podConfig },
    );
    expect(read).toEqual({
      code: 0,
      stdout: 'hello from kv-orders\n',
      stderr: '',
    });
  });

  it("step 7: the guide's Python reads the secret with DefaultAzureCredential", async () => {
    const workload = await pod();
    const app = await run(
      '/usr/bin/python3',
      [path.join(PYTHON, 'seed_guide_app.py')],
      {
        PATH: '/usr/bin:/bin',
        HOME: work,
        // The pod's environment, its trust store the sandbox CA, and what az.env adds to a
        // shell (the sandbox-only client fixes on PYTHONPATH).
        ...workload.env,
        REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
        SSL_CERT_FILE: t.sandbox.tls.caPath,
        PYTHONPATH: t.session.env.PYTHONPATH,
        SANDBOX_AZURE_AUTHORITY: t.session.env.SANDBOX_AZURE_AUTHORITY,
      },
    );
    expect(app.stdout).toBe('hello from kv-orders\n');
    expect(app.code).toBe(0);
    // The token the SDK exchanged is the projected one the pod mounts.
    expect(workload.env.AZURE_FEDERATED_TOKEN_FILE).toBe(
      workload.tokenFiles.find(f => f.audience === 'api://AzureADTokenExchange')
        ?.hostPath,
    );
  });

  it('step 1 with az 2.47: the PUT that turns workload identity off and on, through the Python SDK', async () => {
    const twin = t.sandbox.azure.twin;
    const res = await run(
      '/usr/bin/python3',
      [path.join(PYTHON, 'aks_workload_identity_sdk.py')],
      {
        PATH: '/usr/bin:/bin',
        HOME: work,
        TWIN_URL: t.sandbox.azure.url,
        TENANT_ID: twin.tenantId,
        CLIENT_ID: twin.portal.clientId,
        CLIENT_SECRET: twin.portal.clientSecret,
        SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
        REQUESTS_CA_BUNDLE: t.sandbox.tls.caPath,
      },
    );
    expect(res.stderr).toBe('');
    const seen = JSON.parse(res.stdout);
    expect(seen).toEqual({
      off: { answered: false, shown: false, state: 'Succeeded' },
      on: { answered: true, shown: true, state: 'Succeeded' },
      disableOidc: {
        status: 400,
        code: 'BadRequest',
        message: expect.stringContaining(
          "The OIDC issuer of managed cluster 'aks-prod' cannot be disabled once it is enabled.",
        ),
      },
      create: {
        status: 400,
        code: 'BadRequest',
        message: expect.stringContaining(
          "The sandbox does not create managed clusters: 'aks-new'",
        ),
      },
      issuerUrl: vars.OIDC_ISSUER,
    });
  });
});
