import { mockServices } from '@backstage/backend-test-utils';
import { parseAllDocuments } from 'yaml';
import {
  GuardrailMode,
  GuardrailSettings,
} from '../config/readGuardrailConfig';
import { FakeGuardrailWriter } from './__testUtils__/FakeGuardrailWriter';
import { Grant } from './grantsConfigMap';
import { CLIENT_ID_POLICY, PROVISIONED_SA_POLICY } from './guardrailNames';
import { GuardrailSync } from './GuardrailSync';

const ORDERS: Grant = {
  namespace: 'orders',
  serviceAccount: 'orders-api',
  clientId: 'AAAA-1',
  requestId: 'req-1',
};
const PAYMENTS: Grant = {
  namespace: 'payments',
  serviceAccount: 'payments-worker',
  clientId: 'bbbb-2',
  requestId: 'req-2',
};

function syncWith(
  options: {
    mode?: GuardrailMode;
    grants?: Grant[];
    gitOps?: boolean;
  } = {},
) {
  const writer = new FakeGuardrailWriter();
  const logger = mockServices.logger.mock();
  const state: { grants: Grant[]; settings: GuardrailSettings } = {
    grants: options.grants ?? [ORDERS],
    settings: {
      mode: options.mode ?? 'deny',
      requireProvisionedServiceAccounts: false,
    },
  };
  const sync = new GuardrailSync({
    clusters: [
      {
        name: 'aks-prod',
        environment: 'production',
        namespaceEnvironments: [],
      },
    ],
    settingsOf: () => state.settings,
    grantsOf: async () => state.grants,
    writerFor: () => (options.gitOps ? undefined : writer),
    logger,
  });
  return { sync, writer, state, logger };
}

const OURS = [
  'ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
  'ValidatingAdmissionPolicyBinding/azure-workload-identity-no-default-sa',
  'ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants',
  'ValidatingAdmissionPolicy/azure-workload-identity-no-default-sa',
];

describe('GuardrailSync', () => {
  it('writes the namespace, then the grants, then the policies the grants are read by', async () => {
    const { sync, writer } = syncWith();
    expect(await sync.syncCluster('aks-prod')).toEqual({
      kind: 'written',
      mode: 'deny',
      grants: 1,
      removal: { removed: [], foreign: [] },
    });
    expect(writer.log).toEqual([
      'namespace azure-workload-identity-system',
      'grants orders.aaaa-1,sa.orders.orders-api',
      'put ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants',
      'put ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
      'put ValidatingAdmissionPolicy/azure-workload-identity-no-default-sa',
      'put ValidatingAdmissionPolicyBinding/azure-workload-identity-no-default-sa',
    ]);
    const binding = writer.policies.get(
      'ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
    )!;
    expect((binding.spec as any).validationActions).toEqual(['Deny']);
  });

  it('writes nothing when nothing changed, and withdraws a grant that is gone', async () => {
    const { sync, writer, state } = syncWith({ grants: [ORDERS, PAYMENTS] });
    await sync.syncCluster('aks-prod');
    writer.log.length = 0;
    await sync.syncCluster('aks-prod');
    expect(writer.log).toEqual([]);

    state.grants = [PAYMENTS];
    await sync.syncCluster('aks-prod');
    expect(writer.log).toEqual([
      'grants payments.bbbb-2,sa.payments.payments-worker',
    ]);
  });

  it('computes the grants again when another replica wrote the ConfigMap in between', async () => {
    const { sync, writer, state } = syncWith({ grants: [ORDERS] });
    await sync.syncCluster('aks-prod');
    writer.beforeGrantWrite = () => {
      // Another replica adds its request's grant after our read, before our write.
      writer.beforeGrantWrite = undefined;
      state.grants = [ORDERS, PAYMENTS];
      writer.grants = {
        data: { ...writer.grants!.data, 'payments.bbbb-2': 'req-2' },
        version: writer.grants!.version + 1,
      };
    };
    state.grants = [];
    const outcome = await sync.syncCluster('aks-prod');
    expect(outcome).toMatchObject({ kind: 'written', grants: 2 });
    expect(Object.keys(writer.grants!.data).sort()).toEqual([
      'orders.aaaa-1',
      'payments.bbbb-2',
      'sa.orders.orders-api',
      'sa.payments.payments-worker',
    ]);
  });

  it('gives up with a reason when the ConfigMap keeps changing', async () => {
    const { sync, writer } = syncWith();
    writer.beforeGrantWrite = () => {
      writer.grants = { data: {}, version: (writer.grants?.version ?? 0) + 1 };
    };
    await expect(sync.syncCluster('aks-prod')).rejects.toThrow(
      'the grants ConfigMap of cluster aks-prod kept changing while it was being written',
    );
  });

  it('takes syncs of one cluster in turn, so they do not race each other', async () => {
    const { sync, writer } = syncWith();
    let conflicts = 0;
    const write = writer.writeGrants.bind(writer);
    writer.writeGrants = async options => {
      const outcome = await write(options);
      if (outcome === 'conflict') conflicts++;
      return outcome;
    };
    await Promise.all([1, 2, 3].map(() => sync.syncCluster('aks-prod')));
    expect(conflicts).toBe(0);
    expect(writer.grants!.version).toBe(1);
  });

  it('writes nothing while guardrails are off', async () => {
    const { sync, writer } = syncWith({ mode: 'off' });
    expect(await sync.syncCluster('aks-prod')).toEqual({
      kind: 'off',
      removal: { removed: [], foreign: [] },
    });
    expect(writer.log).toEqual([]);
  });

  it('hands a GitOps cluster the manifests, grants included, and writes nothing', async () => {
    const { sync, writer } = syncWith({ gitOps: true, mode: 'audit' });
    const outcome = await sync.syncCluster('aks-prod');
    expect(writer.log).toEqual([]);
    if (outcome.kind !== 'manifests') throw new Error(outcome.kind);
    expect(outcome).toMatchObject({ mode: 'audit', grants: 1 });
    const documents = parseAllDocuments(outcome.yaml).map(d => d.toJS());
    expect(documents[1]).toMatchObject({
      kind: 'ConfigMap',
      data: { 'orders.aaaa-1': 'req-1' },
    });
    expect(documents[3].spec.validationActions).toEqual(['Audit', 'Warn']);
  });

  it('refuses a cluster that is not configured', async () => {
    const { sync } = syncWith();
    await expect(sync.syncCluster('aks-nowhere')).rejects.toThrow(
      "cluster 'aks-nowhere' is not configured",
    );
    expect(
      await sync.expected({ cluster: 'aks-nowhere', engine: 'kyverno' }),
    ).toBeUndefined();
  });

  it('says what a cluster should hold, in either engine', async () => {
    const { sync } = syncWith({ grants: [ORDERS, PAYMENTS] });
    const kyverno = await sync.expected({
      cluster: 'aks-prod',
      engine: 'kyverno',
    });
    expect(kyverno).toMatchObject({ cluster: 'aks-prod', grants: 2 });
    expect(kyverno!.objects.map(o => o.kind)).toEqual([
      'Namespace',
      'ConfigMap',
      'ClusterPolicy',
    ]);
  });
});

describe('GuardrailSync removes what the settings no longer ask for', () => {
  const key = (kind: string, name: string) => `${kind}/${name}`;

  it("takes out the portal's policies and bindings when switched off, bindings first, and leaves someone else's of the same name", async () => {
    const { sync, writer, state, logger } = syncWith({ mode: 'deny' });
    await sync.syncCluster('aks-prod');
    const foreign = key('ValidatingAdmissionPolicy', PROVISIONED_SA_POLICY);
    writer.policies.set(foreign, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: PROVISIONED_SA_POLICY },
    });
    writer.log.length = 0;

    state.settings = { ...state.settings, mode: 'off' };
    expect(await sync.syncCluster('aks-prod')).toEqual({
      kind: 'off',
      removal: { removed: OURS, foreign: [foreign] },
    });
    expect(writer.log).toEqual(OURS.map(k => `delete ${k}`));
    expect([...writer.policies.keys()]).toEqual([foreign]);
    // The grants and their namespace stay for a later audit or deny.
    expect([...writer.namespaces]).toEqual(['azure-workload-identity-system']);
    expect(writer.grants?.data).toHaveProperty(['orders.aaaa-1']);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `Left ${foreign} on cluster aks-prod: it has the name of one of the portal's guardrails but not its label`,
      ),
    );
  });

  it('takes out the optional policy and its binding once it is no longer required', async () => {
    const { sync, writer, state } = syncWith({ mode: 'deny' });
    state.settings = { mode: 'deny', requireProvisionedServiceAccounts: true };
    await sync.syncCluster('aks-prod');
    const optional = [
      key('ValidatingAdmissionPolicyBinding', PROVISIONED_SA_POLICY),
      key('ValidatingAdmissionPolicy', PROVISIONED_SA_POLICY),
    ];
    expect(writer.log).toEqual(
      expect.arrayContaining(optional.map(k => `put ${k}`)),
    );
    writer.log.length = 0;

    state.settings = { mode: 'deny', requireProvisionedServiceAccounts: false };
    const outcome = await sync.syncCluster('aks-prod');
    expect(outcome).toMatchObject({
      kind: 'written',
      removal: { removed: optional, foreign: [] },
    });
    expect(writer.log).toEqual(optional.map(k => `delete ${k}`));
    expect([...writer.policies.keys()].sort()).toEqual([...OURS].sort());
  });

  it('replaces the bindings in place from audit to deny, and removes nothing', async () => {
    const { sync, writer, state } = syncWith({ mode: 'audit' });
    const binding = () =>
      writer.policies.get(
        key('ValidatingAdmissionPolicyBinding', CLIENT_ID_POLICY),
      )!.spec as { validationActions: string[] };
    await sync.syncCluster('aks-prod');
    expect(binding().validationActions).toEqual(['Audit', 'Warn']);
    writer.log.length = 0;

    state.settings = { ...state.settings, mode: 'deny' };
    await sync.syncAll();
    expect(binding().validationActions).toEqual(['Deny']);
    expect(writer.log).toEqual([
      'put ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
      'put ValidatingAdmissionPolicyBinding/azure-workload-identity-no-default-sa',
    ]);
    expect(writer.policies.size).toBe(4);
  });

  it('lists an off cluster once for requests, and on every scheduled run', async () => {
    const { sync, writer } = syncWith({ mode: 'off' });
    await sync.syncCluster('aks-prod');
    await sync.syncCluster('aks-prod');
    await sync.syncCluster('aks-prod');
    expect(writer.lists).toBe(1);
    await sync.syncAll();
    await sync.syncAll();
    expect(writer.lists).toBe(3);
    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
    expect(writer.lists).toBe(3);
    expect(writer.log).toEqual([]);
  });

  it('neither throws nor warns when an off cluster refuses the listing, and says so once', async () => {
    const { sync, writer, logger } = syncWith({ mode: 'off' });
    writer.listError = new Error(
      "cannot list the ValidatingAdmissionPolicies and their bindings: the Kubernetes API of cluster 'aks-prod' refused the portal's identity (HTTP 403)",
    );
    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
    await expect(sync.syncAll()).resolves.toBeUndefined();
    await expect(sync.syncAll()).resolves.toBeUndefined();
    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
    expect(writer.lists).toBe(3);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Guardrails are off for cluster aks-prod, and whether the portal left policies there could not be told',
      ),
    );
    expect(logger.debug).toHaveBeenCalledTimes(2);
  });

  it('warns when a policy known to be there cannot be deleted, without failing the request', async () => {
    const { sync, writer, state, logger } = syncWith({ mode: 'deny' });
    await sync.syncCluster('aks-prod');
    state.settings = { ...state.settings, mode: 'off' };
    writer.deleteError = new Error('HTTP 403: delete is not granted');

    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
    expect(logger.warn).toHaveBeenLastCalledWith(
      'Could not remove the guardrails cluster aks-prod should no longer hold: HTTP 403: delete is not granted; the scheduled guardrail sync tries again',
    );
    await sync.syncAll();
    expect(logger.warn).toHaveBeenLastCalledWith(
      'Could not bring the guardrails of cluster aks-prod up to date: HTTP 403: delete is not granted',
    );
    expect(writer.policies.size).toBe(4);
  });

  it('looks at nothing where the portal has no writer, or the cluster is not configured', async () => {
    const { sync, writer } = syncWith({ mode: 'off', gitOps: true });
    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
    await sync.syncAll();
    expect(await sync.syncCluster('aks-nowhere')).toEqual({ kind: 'off' });
    expect(writer.lists).toBe(0);
  });
});
