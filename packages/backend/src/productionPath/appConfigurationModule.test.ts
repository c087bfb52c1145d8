import { randomBytes } from 'node:crypto';
import { armAsPortal } from './__testUtils__/armAsPortal';
import { waitFor } from './__testUtils__/processes';
import { productionEnv } from './__testUtils__/productionEnv';
import {
  describeWithServices,
  requireServices,
} from './__testUtils__/services';
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
const OLIVIA = 'olivia-orders';
const STORE_NAME = 'appcs-search';
const READER_ROLE = '516239f1-63e1-4d78-a4de-a74fb236a071';

/**
 * The repository's example module (packages/backend/src/appConfiguration), as an adopter's
 * module would run: the repository's backend, as deployed, on the sandbox. App Configuration
 * is a type the plugins do not know; the module adds it and a rule about it through the
 * extension points, and both show: the form offers the type and the store, the plan grants
 * the store's data role, and the component's chain carries the module's finding.
 */
describeWithServices(
  'the App Configuration example module, against the sandbox',
  () => {
    let sandbox: SandboxProcess;
    let portal: BackendProcess;
    let store: string;

    beforeAll(async () => {
      const { postgres, redis } = requireServices();
      sandbox = await startSandboxProcess();
      await sandbox.admin('POST', '/azure/seed', {
        resourceGroups: [
          {
            name: IDENTITY_GROUP,
            subscriptionId: DEV_SUBSCRIPTION,
            location: 'westeurope',
          },
        ],
      });
      const aksDev = sandbox.clusters.find(c => c.name === 'aks-dev')!;
      // The team's store, created as `az appconfig create` would: access keys stay on unless
      // disableLocalAuth is set.
      store = `/subscriptions/${aksDev.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.AppConfiguration/configurationStores/${STORE_NAME}`;
      await armAsPortal(sandbox, 'PUT', `${store}?api-version=2023-03-01`, {
        location: 'westeurope',
        sku: { name: 'standard' },
        tags: { 'backstage-owner': 'group:default/team-orders' },
        properties: {},
      });
      portal = await startBackendProcess({
        env: productionEnv({
          sandbox,
          postgres,
          redis,
          runId: randomBytes(4).toString('hex'),
          identitiesSubscriptionId: DEV_SUBSCRIPTION,
          fleetScanIntervalMinutes: 60,
        }),
        entityRef: COMPONENT,
      });
    });

    afterAll(async () => {
      await portal?.stop();
      await sandbox?.stop();
    });

    const searchIndexer = (intent: 'read' | 'write') => ({
      entityRef: COMPONENT,
      cluster: 'aks-dev',
      namespace: 'search',
      serviceAccountName: 'search-indexer',
      resources: [{ resourceId: store, intent }],
    });
    const roleSteps = (plan: any) =>
      plan.steps.filter((s: any) => s.kind === 'ensure-role-assignment');

    it('offers the type and the store in the request form', async () => {
      const roles = await portal.api(OLIVIA, 'GET', '/catalog/roles');
      expect(roles.body.resourceTypes).toContainEqual(
        expect.objectContaining({
          type: 'Microsoft.AppConfiguration/configurationStores',
          displayName: 'App Configuration store',
          intents: ['read', 'write', 'manage'],
        }),
      );
      const resources = await portal.api(OLIVIA, 'GET', '/catalog/resources');
      expect(resources.status).toBe(200);
      expect(resources.body.resources).toContainEqual(
        expect.objectContaining({
          id: store,
          name: STORE_NAME,
          type: 'Microsoft.AppConfiguration/configurationStores',
        }),
      );
    });

    it("compiles the store into the plan with App Configuration's data roles", async () => {
      const read = await portal.api(
        OLIVIA,
        'POST',
        '/plan',
        searchIndexer('read'),
      );
      expect(read.status).toBe(200);
      expect(roleSteps(read.body.plan)).toEqual([
        expect.objectContaining({
          roleName: 'App Configuration Data Reader',
          roleId: READER_ROLE,
          scope: store,
        }),
      ]);
      expect(read.body.plan.requiresApproval).toBe(false);

      // Writing needs the Data Owner, which the built-in policy sends to a person.
      const write = await portal.api(
        OLIVIA,
        'POST',
        '/plan',
        searchIndexer('write'),
      );
      expect(roleSteps(write.body.plan)).toEqual([
        expect.objectContaining({ roleName: 'App Configuration Data Owner' }),
      ]);
      expect(write.body.plan.approvalReasons).toEqual([
        {
          code: 'data-owner-role',
          message: expect.stringContaining('App Configuration Data Owner'),
        },
      ]);
    });

    it("puts the module's finding on the component's chain once the access is granted", async () => {
      const created = await portal.api(
        OLIVIA,
        'POST',
        '/requests',
        searchIndexer('read'),
      );
      expect(created.status).toBe(201);
      const id = created.body.request.id;
      await waitFor(
        `request ${id} did not become active`,
        async () =>
          (
            await portal.api(OLIVIA, 'GET', `/requests/${id}`)
          ).body?.request?.status === 'active',
        { timeoutMs: 180_000 },
      );

      let findings: any[] = [];
      await waitFor(
        "the chain did not show the module's finding",
        async () => {
          const chain = await portal.api(
            OLIVIA,
            'GET',
            '/chain/component/default/search-indexer?refresh=true',
          );
          findings = chain.body?.findings ?? [];
          return findings.some(
            f => f.ruleId === 'appconfig-local-auth-enabled',
          );
        },
        { timeoutMs: 120_000 },
      );
      expect(
        findings.find(f => f.ruleId === 'appconfig-local-auth-enabled'),
      ).toMatchObject({
        title: 'The App Configuration store still accepts access keys',
        link: 'resource',
        severity: 'warning',
        state: 'degraded',
        message: expect.stringContaining(
          `App Configuration store ${STORE_NAME} still accepts access keys`,
        ),
        evidence: {
          expected: 'disableLocalAuth: true (Microsoft Entra ID only)',
          actual: 'disableLocalAuth not set (access keys on)',
        },
        fix: {
          kind: 'command',
          text: `az appconfig update --name ${STORE_NAME} --resource-group rg-apps --subscription ${DEV_SUBSCRIPTION} --disable-local-auth true`,
        },
      });
    });
  },
);
