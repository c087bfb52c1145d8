import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import {
  Kubectl,
  kubectlFor,
} from 'sandbox/src/kubernetes/__testUtils__/kubectl';
import { createLivePreflightReader } from '../clients/createLivePreflightReader';
import { createProvisioningClients } from '../clients/createProvisioningClients';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../clients/__testUtils__/startDemoSandbox';
import { KnexApplyStore } from '../database/KnexApplyStore';
import { KnexIdentityLocks } from '../database/KnexIdentityLocks';
import { KnexRequestStore } from '../database/KnexRequestStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { Revoker } from '../lifecycle/Revoker';
import { Planner } from '../planning/Planner';
import { Provisioner } from '../provisioning/Provisioner';
import { systemClock } from '../provisioning/retry';
import { AdmissionregistrationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { kubeConfigFor } from '../clients/kubernetes/createCoreApi';
import { KubernetesGuardrailWriter } from '../clients/kubernetes/KubernetesGuardrailWriter';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { createGuardrailSync } from './createGuardrailSync';
import { expectedGuardrailPolicies } from './guardrailManifests';
import { guardrailState } from './guardrailState';
import { grantsData } from './grantsConfigMap';
import {
  CLIENT_ID_ANNOTATION,
  CLIENT_ID_POLICY,
  GRANTS_CONFIGMAP,
  GUARDRAIL_NAMESPACE,
  PROVISIONED_SA_POLICY,
} from './guardrailNames';

jest.setTimeout(180_000);

const DENY = {
  mode: 'deny',
  requireProvisionedServiceAccounts: false,
} as const;

/**
 * Guardrails in `deny` on aks-prod, kept by the provisioner and the revoker on the real
 * clients, enforced by the twin's API server and seen through the real kubectl.
 */
describe('guardrails against the sandbox', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoSandbox;
  let knex: Knex;
  let planner: Planner;
  let provisioner: Provisioner;
  let revoker: Revoker;
  let kubectl: Kubectl;
  let reader: KubernetesGuardrailWriter;
  let startUpSync: () => Promise<unknown>;
  /** A sync as a restarted portal would run it with guardrails in `mode`. */
  let syncIn: (
    mode: GuardrailMode,
    logger?: ReturnType<typeof mockServices.logger.mock>,
  ) => ReturnType<typeof createGuardrailSync>;
  const cluster = () => demo.sandbox.demo!.kubernetes.cluster('aks-prod');
  let container: string;

  beforeAll(async () => {
    demo = await startDemoSandbox();
    const config = demoPluginConfig(demo);
    const appConfig = demo.appConfig() as {
      azureWorkloadIdentity: object;
    };
    const rootConfigIn = (mode: GuardrailMode) =>
      new ConfigReader({
        ...appConfig,
        azureWorkloadIdentity: {
          ...appConfig.azureWorkloadIdentity,
          guardrails: { mode },
        },
      });
    const tenantId = config.azure.tenantId!;
    planner = new Planner({
      preflight: createLivePreflightReader({
        config,
        clientOptions: demo.clientOptions,
      }),
      tenantId,
      components: demo.components,
      identityUses: async () => [],
    });
    const clients = createProvisioningClients({
      config,
      clientOptions: demo.clientOptions,
    });
    knex = await databases.init('SQLITE_3');
    await migrateDatabase(knex);
    const store = new KnexRequestStore({ knex });
    const applied = new KnexApplyStore({ knex });
    syncIn = (mode, logger) =>
      createGuardrailSync({
        logger,
        config,
        rootConfig: rootConfigIn(mode),
        stores: { requests: store, applied },
        clientOptions: demo.clientOptions,
      });
    const guardrails = syncIn('deny');
    const locks = new KnexIdentityLocks({ knex });
    const logger = mockServices.logger.mock();
    provisioner = new Provisioner({
      store: applied,
      ports: { ...clients, guardrails, locks, clock: systemClock, tenantId },
      logger,
      owner: 'guardrails-test',
      timings: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    revoker = new Revoker({
      store,
      applied,
      azure: clients.azure,
      serviceAccountTeardownFor: name => clients.serviceAccountWriterFor(name),
      locks,
      clock: systemClock,
      logger,
      guardrails,
    });

    const prod = config.clusters.find(c => c.name === 'aks-prod')!;
    // The reader half, as the card and the health rules use it: with the inspector's
    // read-only credential, which may read the policies and the grants.
    const readerConfig = kubeConfigFor({
      cluster: 'aks-prod',
      connection: prod.kubernetes,
      credential: prod.kubernetes.credential,
    });
    reader = new KubernetesGuardrailWriter({
      cluster: 'aks-prod',
      core: readerConfig.makeApiClient(CoreV1Api),
      admission: readerConfig.makeApiClient(AdmissionregistrationV1Api),
    });
    startUpSync = () => guardrails.syncCluster('aks-prod');
    const { kubeconfigPath } = demo.sandbox.demo!.kubernetes;
    const cacheDir = path.join(path.dirname(kubeconfigPath), 'kubectl-cache');
    await fs.mkdir(cacheDir, { recursive: true });
    kubectl = kubectlFor(kubeconfigPath, cacheDir);

    const storage = demo.sandbox
      .demo!.world.components.find(c => c.component.name === 'orders-api')!
      .targets.find(t => t.id.includes('/storageAccounts/'))!.id;
    container = `${storage}/blobServices/default/containers/orders`;
  });
  afterAll(() => demo?.stop());

  const find = (kind: string, namespace: string | undefined, name: string) =>
    cluster().find(
      kind.startsWith('ValidatingAdmissionPolicy')
        ? 'admissionregistration.k8s.io/v1'
        : 'v1',
      kind,
      namespace,
      name,
    );
  const grants = () =>
    find('ConfigMap', GUARDRAIL_NAMESPACE, GRANTS_CONFIGMAP)?.data ?? {};

  async function approved(serviceAccountName: string, identityName: string) {
    const spec = {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName,
      identity: { name: identityName },
      resources: [{ resourceId: container, intent: 'read' as const }],
    };
    const outcome = await planner.plan(spec);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusals));
    return (
      await new KnexRequestStore({ knex }).createRequest({
        spec,
        requestedBy: 'user:default/olivia-orders',
        status: 'approved',
        plan: outcome.plan,
      })
    ).id;
  }

  it('admits the request it grants, and refuses its client id with kubectl once revoked', async () => {
    const prod = demoPluginConfig(demo).clusters.find(
      c => c.name === 'aks-prod',
    )!;
    expect(
      guardrailState({
        expected: expectedGuardrailPolicies(prod, DENY),
        expectedGrants: {},
        installed: await reader.readInstalled(),
      }).state,
    ).toBe('missing');
    // In place before the request, as the start-up sync leaves them: from here on, a service
    // account in aks-prod may name only a granted client id.
    expect(await startUpSync()).toEqual({
      kind: 'written',
      mode: 'deny',
      grants: 0,
      removal: { removed: [], foreign: [] },
    });

    const policyVersion = () =>
      find('ValidatingAdmissionPolicy', undefined, CLIENT_ID_POLICY)?.metadata
        .resourceVersion;
    const installedAt = policyVersion();
    const id = await approved('orders-guarded', 'id-orders-guarded');
    const result = await provisioner.apply(id);
    expect(result).toMatchObject({ outcome: 'active' });

    // The grant went in first, so the portal's own annotation was admitted under deny.
    const clientId = find('ServiceAccount', 'orders', 'orders-guarded')
      ?.metadata.annotations?.[CLIENT_ID_ANNOTATION] as string;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(grants()[`orders.${clientId}`]).toBe(id);
    expect(
      find('ValidatingAdmissionPolicyBinding', undefined, CLIENT_ID_POLICY)
        ?.spec,
    ).toMatchObject({ validationActions: ['Deny'] });
    // Only the grants changed: the policies, already current, were not written again.
    expect(policyVersion()).toBe(installedAt);
    expect(
      guardrailState({
        expected: expectedGuardrailPolicies(prod, DENY),
        expectedGrants: grantsData([
          {
            namespace: 'orders',
            serviceAccount: 'orders-guarded',
            clientId,
            requestId: id,
          },
        ]),
        installed: await reader.readInstalled(),
      }),
    ).toEqual({
      state: 'current',
      missing: [],
      outdated: [],
      grants: 'current',
    });

    await revoker.revoke({ id, actor: 'user:default/olivia-orders' });
    expect(grants()).not.toHaveProperty(`orders.${clientId}`);

    // The request created the account and nothing ran as it, so revoking deleted it. Someone
    // with kubectl rights in orders makes it again and tries to put the identity back by hand.
    expect(find('ServiceAccount', 'orders', 'orders-guarded')).toBeUndefined();
    const created = await kubectl([
      '--context',
      'aks-prod',
      '-n',
      'orders',
      'create',
      'serviceaccount',
      'orders-guarded',
    ]);
    expect(created.stderr).toBe('');
    const annotated = await kubectl([
      '--context',
      'aks-prod',
      '-n',
      'orders',
      'annotate',
      'serviceaccount',
      'orders-guarded',
      `${CLIENT_ID_ANNOTATION}=${clientId}`,
    ]);
    expect(annotated.code).not.toBe(0);
    expect(annotated.stderr).toBe(
      `Error from server (Forbidden): serviceaccounts "orders-guarded" is forbidden: ValidatingAdmissionPolicy '${CLIENT_ID_POLICY}' with binding '${CLIENT_ID_POLICY}' denied request: client id ${clientId} is not granted to namespace orders; request Azure access for this workload in the developer portal\n`,
    );
    expect(
      find('ServiceAccount', 'orders', 'orders-guarded')?.metadata
        .annotations?.[CLIENT_ID_ANNOTATION],
    ).toBeUndefined();
  });

  it("takes the portal's policies out when switched off, so what deny refused is admitted; the grants and someone else's policy stay", async () => {
    const prod = demoPluginConfig(demo).clusters.find(
      c => c.name === 'aks-prod',
    )!;
    await startUpSync();
    const admission = 'admissionregistration.k8s.io/v1';
    // Someone else's policy under one of the portal's names, without its label.
    cluster().apply({
      apiVersion: admission,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: PROVISIONED_SA_POLICY },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['configmaps'],
            },
          ],
        },
        validations: [{ expression: 'true' }],
      },
    });
    const ungranted = '0b5e0000-0000-0000-0000-00000000beef';
    const byHand = (...args: string[]) =>
      kubectl(['--context', 'aks-prod', '-n', 'orders', ...args]);
    try {
      expect(
        (await byHand('create', 'serviceaccount', 'orders-by-hand')).stderr,
      ).toBe('');
      const annotate = () =>
        byHand(
          'annotate',
          'serviceaccount',
          'orders-by-hand',
          `${CLIENT_ID_ANNOTATION}=${ungranted}`,
        );
      const refused = await annotate();
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(
        `client id ${ungranted} is not granted to namespace orders`,
      );

      const policies = expectedGuardrailPolicies(prod, DENY);
      const ours = [
        ...policies.filter(p => p.kind.endsWith('Binding')),
        ...policies.filter(p => !p.kind.endsWith('Binding')),
      ].map(p => `${p.kind}/${p.metadata.name}`);
      expect(await syncIn('off').syncCluster('aks-prod')).toEqual({
        kind: 'off',
        removal: {
          removed: ours,
          foreign: [`ValidatingAdmissionPolicy/${PROVISIONED_SA_POLICY}`],
        },
      });

      const admitted = await annotate();
      expect(admitted.stderr).toBe('');
      expect(admitted.code).toBe(0);
      expect(
        find('ServiceAccount', 'orders', 'orders-by-hand')?.metadata
          .annotations?.[CLIENT_ID_ANNOTATION],
      ).toBe(ungranted);
      for (const policy of policies) {
        expect(
          find(policy.kind, undefined, policy.metadata.name),
        ).toBeUndefined();
      }
      expect((await reader.readInstalled()).objects).toEqual([]);
      expect(
        find('ValidatingAdmissionPolicy', undefined, PROVISIONED_SA_POLICY),
      ).toBeDefined();
      expect(find('Namespace', undefined, GUARDRAIL_NAMESPACE)).toBeDefined();
      expect(
        find('ConfigMap', GUARDRAIL_NAMESPACE, GRANTS_CONFIGMAP),
      ).toBeDefined();
      // The scheduled sync of an off cluster finds nothing more to do.
      await expect(syncIn('off').syncAll()).resolves.toBeUndefined();
    } finally {
      cluster().delete(
        cluster().type(admission, 'ValidatingAdmissionPolicy'),
        undefined,
        PROVISIONED_SA_POLICY,
      );
      await byHand('delete', 'serviceaccount', 'orders-by-hand');
    }
  });

  it('neither fails nor warns when an off cluster refuses the listing', async () => {
    cluster().faults.add({
      verb: 'list',
      resource: 'validatingadmissionpolicies',
      status: 403,
    });
    const logger = mockServices.logger.mock();
    const off = syncIn('off', logger);
    try {
      expect(await off.syncCluster('aks-prod')).toEqual({ kind: 'off' });
      await expect(off.syncAll()).resolves.toBeUndefined();
      expect(logger.warn).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledTimes(1);
      expect(logger.info.mock.calls[0][0]).toContain('HTTP 403');
    } finally {
      cluster().faults.clear();
    }
  });
});
