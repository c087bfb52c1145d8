import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { waitFor } from './__testUtils__/processes';
import {
  describeWithServices,
  requireServices,
} from './__testUtils__/services';
import { productionEnv } from './__testUtils__/productionEnv';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/startBackendProcess';
import {
  SandboxProcess,
  startSandboxProcess,
} from './__testUtils__/startSandboxProcess';

jest.setTimeout(600_000);

const DEV_SUBSCRIPTION = '00000000-0000-0000-0000-000000000002';
const IDENTITY_GROUP = 'rg-workload-identities';
const COMPONENT = 'component:default/search-indexer';
const IDENTITY = 'id-search-indexer-aks-dev';
const SCAN_INTERVAL_MINUTES = 0.1;
const OLIVIA = 'olivia-orders';
const PAT = 'pat-platform';

/**
 * The production path end to end: the repository's backend started twice from
 * app-config.production.yaml, on one PostgreSQL and one Redis, with DefaultAzureCredential fed
 * by environment variables and the clusters in the Kubernetes plugin's own shape (signing in
 * with the portal's Entra ID identity). The sandbox stands in for Azure and AKS only through
 * that configuration: no sandbox setting reaches the backend.
 */
describeWithServices('the production path', () => {
  let sandbox: SandboxProcess;
  let a: BackendProcess;
  let b: BackendProcess;

  beforeAll(async () => {
    const { postgres, redis } = requireServices();
    sandbox = await startSandboxProcess();
    // The platform team's one-time setup: the resource group that holds the identities.
    await sandbox.admin('POST', '/azure/seed', {
      resourceGroups: [
        {
          name: IDENTITY_GROUP,
          subscriptionId: DEV_SUBSCRIPTION,
          location: 'westeurope',
        },
      ],
    });
    const env = productionEnv({
      sandbox,
      postgres,
      redis,
      runId: randomBytes(4).toString('hex'),
      identitiesSubscriptionId: DEV_SUBSCRIPTION,
      fleetScanIntervalMinutes: SCAN_INTERVAL_MINUTES,
    });
    // One replica first: it creates the databases the second one then finds.
    a = await startBackendProcess({ env, entityRef: COMPONENT });
    b = await startBackendProcess({ env, entityRef: COMPONENT });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sandbox?.stop();
  });

  async function settled(backend: BackendProcess, id: string) {
    let request: any;
    await waitFor(
      `request ${id} did not settle`,
      async () => {
        request = (await backend.api(OLIVIA, 'GET', `/requests/${id}`)).body
          ?.request;
        return ['active', 'failed', 'revoked', 'pending-approval'].includes(
          request?.status,
        );
      },
      { timeoutMs: 180_000 },
    );
    return request;
  }

  async function searchData(): Promise<string> {
    const resources = await a.api(OLIVIA, 'GET', '/catalog/resources');
    expect(resources.status).toBe(200);
    const found = resources.body.resources.find((r: { id: string }) =>
      r.id.endsWith('/storageAccounts/searchdata'),
    );
    return found.id;
  }

  const azureState = () => sandbox.admin('GET', '/azure/state');

  it('says the portal has every right it needs', async () => {
    const check = await a.api(PAT, 'GET', '/self-check');
    expect(check.status).toBe(200);
    expect(check.body.ready).toEqual({ inspection: true, provisioning: true });
    // The clusters took the portal's Entra ID token, not a service account's.
    expect(
      check.body.checks
        .filter((c: { area: string }) => c.area === 'kubernetes')
        .map((c: { as: string }) => c.as),
    ).toEqual(Array(4).fill(check.body.principal.objectId));
    expect(check.body.principal.appId).toBe(sandbox.azureEnv.AZURE_CLIENT_ID);
  });

  it('plans, provisions, inspects and revokes', async () => {
    const spec = {
      entityRef: COMPONENT,
      cluster: 'aks-dev',
      namespace: 'search',
      serviceAccountName: 'search-indexer',
      environment: 'development',
      justification: 'Reads the product feed it indexes.',
      resources: [{ resourceId: await searchData(), intent: 'read' }],
    };
    const plan = await a.api(OLIVIA, 'POST', '/plan', spec);
    expect(plan.status).toBe(200);
    expect(plan.body.plan.steps.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining([
        'ensure-identity',
        'ensure-federated-credential',
        'ensure-role-assignment',
        'ensure-service-account',
      ]),
    );

    const created = await a.api(OLIVIA, 'POST', '/requests', spec);
    expect(created.status).toBe(201);
    const done = await settled(a, created.body.request.id);
    expect(done.status).toBe('active');

    // The other replica reads the chain the first one built.
    const chain = await b.api(
      OLIVIA,
      'GET',
      '/chain/component/default/search-indexer?refresh=true',
    );
    expect(chain.status).toBe(200);
    const binding = chain.body.bindings.find(
      (x: { serviceAccount: string }) => x.serviceAccount === 'search-indexer',
    );
    expect(binding.identity.name).toBe(IDENTITY);
    expect(binding.federatedCredentials).toEqual([
      expect.objectContaining({
        subject: 'system:serviceaccount:search:search-indexer',
      }),
    ]);
    // Storage Blob Data Reader, on the storage account alone.
    expect(binding.roleAssignments).toEqual([
      {
        roleDefinitionId: expect.stringMatching(
          /2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/,
        ),
        scope: spec.resources[0].resourceId,
      },
    ]);
    // A role assignment minutes old may not have reached every Azure region yet.
    expect(chain.body.links).toMatchObject({
      federation: 'ok',
      identity: 'ok',
      roleassignment: 'pending',
    });

    const revoked = await a.api(
      OLIVIA,
      'POST',
      `/requests/${created.body.request.id}/revoke`,
      { reason: 'The indexer moved to another feed.' },
    );
    expect(revoked.status).toBeLessThan(300);
    expect((await settled(a, created.body.request.id)).status).toBe('revoked');
    const state = await azureState();
    expect(
      state.federatedCredentials.filter(
        (f: { subject: string }) =>
          f.subject === 'system:serviceaccount:search:search-indexer',
      ),
    ).toEqual([]);
  });

  it('provisions 20 requests sent at once to both replicas, each once and none lost', async () => {
    const resourceId = await searchData();
    const accounts = Array.from(
      { length: 20 },
      (_, i) => `indexer-${String(i + 1).padStart(2, '0')}`,
    );
    const created = await Promise.all(
      accounts.map((serviceAccountName, i) =>
        (i % 2 ? b : a).api(OLIVIA, 'POST', '/requests', {
          entityRef: COMPONENT,
          cluster: 'aks-dev',
          namespace: 'search',
          serviceAccountName,
          environment: 'development',
          justification: 'One indexer per shard.',
          resources: [{ resourceId, intent: 'read' }],
        }),
      ),
    );
    expect(created.map(c => c.status)).toEqual(Array(20).fill(201));
    const ids = created.map(c => c.body.request.id);
    expect(new Set(ids).size).toBe(20);
    const outcomes = await Promise.all(
      ids.map((id, i) => settled(i % 2 ? a : b, id)),
    );
    expect(outcomes.map(o => o.status)).toEqual(Array(20).fill('active'));

    // One identity for the component on the cluster, one credential per service account, one
    // role assignment that all of them share.
    const state = await azureState();
    const identities = state.identities.filter(
      (i: { id?: string; name?: string }) =>
        `${i.id ?? ''}/${i.name ?? ''}`.includes(IDENTITY),
    );
    expect(identities).toHaveLength(1);
    const [identity] = identities;
    const subjects = state.federatedCredentials
      .filter((f: { subject: string }) =>
        f.subject.startsWith('system:serviceaccount:search:indexer-'),
      )
      .map((f: { subject: string }) => f.subject)
      .sort();
    expect(subjects).toEqual(
      accounts.map(sa => `system:serviceaccount:search:${sa}`),
    );
    expect(
      state.roleAssignments.filter(
        (r: { principalId: string; scope: string }) =>
          r.principalId === identity.principalId && r.scope === resourceId,
      ),
    ).toHaveLength(1);

    // In the cluster: every service account, annotated with that identity.
    const serviceAccounts = JSON.parse(
      await kubectl(sandbox.kubeconfig, [
        '--context',
        'aks-dev',
        '-n',
        'search',
        'get',
        'serviceaccounts',
        '-o',
        'json',
      ]),
    ).items.filter((sa: any) => sa.metadata.name.startsWith('indexer-'));
    expect(serviceAccounts).toHaveLength(20);
    for (const sa of serviceAccounts) {
      expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe(
        identity.clientId,
      );
    }
  });

  it('serves the card from one cache: what one replica read, the other answers', async () => {
    const read = await a.api(
      OLIVIA,
      'GET',
      '/chain/component/default/search-indexer?refresh=true',
    );
    expect(read.status).toBe(200);
    const served = await b.api(
      OLIVIA,
      'GET',
      '/chain/component/default/search-indexer',
    );
    expect(served.status).toBe(200);
    expect(served.body.fromCache).toBe(true);
    expect(served.body.checkedAt).toBe(read.body.checkedAt);
    expect(served.body.bindings).toEqual(read.body.bindings);
  });

  it('scans the fleet once per interval between both replicas', async () => {
    const intervalMs = SCAN_INTERVAL_MINUTES * 60_000;
    const scanStarts = () =>
      [a, b]
        .flatMap((backend, replica) =>
          backend.process.lines
            .filter(line => line.text.includes('Fleet scan started'))
            .map(line => ({
              replica,
              at: Date.parse(
                /\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(line.text)?.[0] ?? '',
              ),
            })),
        )
        .sort((x, y) => x.at - y.at);
    await waitFor(
      'four fleet scans did not run',
      async () => scanStarts().length >= 4,
      {
        timeoutMs: 90_000,
      },
    );
    const starts = scanStarts();
    const gaps = starts.slice(1).map((s, i) => s.at - starts[i].at);
    // Slots are one interval apart and a scan starts at the first poll of the scheduler after
    // its slot, so gaps jitter around the interval. Two replicas each scanning on their own
    // would show scans a moment apart, and twice as many of them.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(intervalMs / 2);
    const span = starts[starts.length - 1].at - starts[0].at;
    expect(starts.length).toBeLessThanOrEqual(
      Math.floor(span / intervalMs) + 2,
    );
  });
});

const execFileAsync = promisify(execFile);

async function kubectl(kubeconfig: string, args: string[]) {
  const { stdout } = await execFileAsync('kubectl', [
    '--kubeconfig',
    kubeconfig,
    ...args,
  ]);
  return stdout;
}
