import { parseAllDocuments } from 'yaml';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { FakeGuardrailWriter } from './__testUtils__/FakeGuardrailWriter';
import { Grant } from './grantsConfigMap';
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
  const state = { grants: options.grants ?? [ORDERS] };
  const sync = new GuardrailSync({
    clusters: [
      {
        name: 'aks-prod',
        environment: 'production',
        namespaceEnvironments: [],
      },
    ],
    settingsOf: () => ({
      mode: options.mode ?? 'deny',
      requireProvisionedServiceAccounts: false,
    }),
    grantsOf: async () => state.grants,
    writerFor: () => (options.gitOps ? undefined : writer),
  });
  return { sync, writer, state };
}

describe('GuardrailSync', () => {
  it('writes the namespace, then the grants, then the policies the grants are read by', async () => {
    const { sync, writer } = syncWith();
    expect(await sync.syncCluster('aks-prod')).toEqual({
      kind: 'written',
      mode: 'deny',
      grants: 1,
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
    expect(await sync.syncCluster('aks-prod')).toEqual({ kind: 'off' });
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
