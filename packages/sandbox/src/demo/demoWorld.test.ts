import { WorkloadIdentityCredential } from '@azure/identity';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  startTestSandbox,
  TestSandbox,
} from '../azure/__testUtils__/startTestSandbox';
import { KubernetesTwin } from '../kubernetes';
import {
  startTestKubernetes,
  TestKubernetes,
} from '../kubernetes/__testUtils__';
import { runWorkload } from '../workload';
import {
  demoIssuerHistory,
  demoPendingRequests,
  loadDemoWorld,
  resetDemoWorld,
  seedDemoWorld,
} from '.';
import type { DemoComponent, DemoWorld } from '.';

jest.setTimeout(60_000);

const CATALOG = path.resolve(__dirname, '../../../../demo/catalog.yaml');
const README = path.resolve(__dirname, '../../README.md');

describe('the demo world', () => {
  let world: DemoWorld;
  let azure: TestSandbox;
  let k: TestKubernetes;
  let twin: KubernetesTwin;
  const byScenario = (id: string): DemoComponent =>
    world.components.find(c => c.scenario.id === id)!;

  beforeAll(async () => {
    world = await loadDemoWorld(CATALOG);
    azure = await startTestSandbox();
    k = await startTestKubernetes({
      tls: azure.sandbox.tls,
      authorityHost: azure.url,
      clusters: world.clusterSpecs(),
    });
    twin = k.twin;
    await seedDemoWorld({
      world,
      azure: azure.sandbox.azure.twin,
      kubernetes: twin,
    });
  });
  afterAll(async () => {
    await k?.stop();
    await azure?.stop();
  });

  it('takes every component from demo/catalog.yaml, on two clusters in two subscriptions', async () => {
    expect(world.components.length).toBeGreaterThanOrEqual(6);
    expect(new Set(world.clusters.map(c => c.subscriptionId)).size).toBe(2);
    const broken = world.components.filter(
      c =>
        c.scenario.visible.some(r => !r.startsWith('pod-aad')) &&
        c.scenario.visible.length,
    );
    expect(
      new Set(broken.map(c => c.scenario.visible[0])).size,
    ).toBeGreaterThanOrEqual(5);
    for (const d of world.components) {
      const sa = twin
        .cluster(d.component.cluster)
        .find(
          'v1',
          'ServiceAccount',
          d.component.namespace,
          d.component.kubernetesId,
        );
      expect(sa).toBeDefined();
      expect(
        twin
          .cluster(d.component.cluster)
          .podsOfDeployment(d.component.namespace, d.component.kubernetesId)
          .length,
      ).toBeGreaterThan(0);
    }
  });

  it('lists every component with its expected rule ids in the README', async () => {
    const readme = await fs.readFile(README, 'utf8');
    for (const d of world.components) {
      const row = readme
        .split('\n')
        .find(line => line.startsWith(`| ${d.component.name} |`));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${d.component.cluster} |`);
      expect(row).toContain(`\`${d.scenario.id}\``);
      for (const rule of [...d.scenario.visible, ...d.scenario.masked])
        expect(row).toContain(rule);
    }
  });

  const tokenFor = async (
    d: DemoComponent,
    resource = 'https://storage.azure.com/.default',
  ) => {
    const [pod] = twin
      .cluster(d.component.cluster)
      .podsOfDeployment(d.component.namespace, d.component.kubernetesId);
    const workload = await runWorkload({
      twin,
      cluster: d.component.cluster,
      namespace: d.component.namespace,
      pod: pod.metadata.name,
    });
    return {
      workload,
      token: () =>
        new WorkloadIdentityCredential(workload.credentialOptions()).getToken(
          resource,
        ),
    };
  };

  it('gives healthy components tokens that their data plane accepts', async () => {
    for (const id of [
      'healthy-baseline',
      'healthy-three-resource-types',
      'pod-aad-pod-identity-leftover',
      'ra-missing',
      'kv-access-policy-mode-no-policy',
    ]) {
      const { token } = await tokenFor(byScenario(id));
      await expect(token()).resolves.toBeDefined();
    }
    const baseline = byScenario('healthy-baseline');
    expect(baseline.identity?.clientId).toBe(
      '4024ab25-56a8-4370-aea6-6389221caf29',
    );
    expect(
      twin
        .cluster(baseline.component.cluster)
        .podsOfDeployment(
          baseline.component.namespace,
          baseline.component.kubernetesId,
        ),
    ).toHaveLength(2);
  });

  it('stages the token-exchange failures each broken component should show', async () => {
    await expect(
      (await tokenFor(byScenario('fic-subject-namespace-mismatch'))).token(),
    ).rejects.toThrow('AADSTS700213');
    await expect(
      (await tokenFor(byScenario('fic-issuer-stale'))).token(),
    ).rejects.toThrow('AADSTS700211');
    await expect(
      (await tokenFor(byScenario('sa-client-id-is-principal-id'))).token(),
    ).rejects.toThrow('AADSTS700016');
  });

  it('stages the Kubernetes side of the broken components', async () => {
    const labelMissing = byScenario('pod-label-missing');
    const [pod] = twin
      .cluster(labelMissing.component.cluster)
      .podsOfDeployment(
        labelMissing.component.namespace,
        labelMissing.component.kubernetesId,
      );
    expect(
      pod.metadata.labels?.['azure.workload.identity/use'],
    ).toBeUndefined();
    expect(JSON.stringify(pod.spec)).not.toContain(
      'AZURE_FEDERATED_TOKEN_FILE',
    );

    const principal = byScenario('sa-client-id-is-principal-id');
    const sa = twin
      .cluster(principal.component.cluster)
      .find(
        'v1',
        'ServiceAccount',
        principal.component.namespace,
        principal.component.kubernetesId,
      )!;
    expect(sa.metadata.annotations?.['azure.workload.identity/client-id']).toBe(
      principal.identity!.principalId,
    );

    const stale = byScenario('fic-issuer-stale');
    const cluster = twin.cluster(stale.component.cluster);
    expect(cluster.issuer.previousUrls).toEqual([
      twin.initialIssuerUrl(cluster.name),
    ]);
    expect(demoIssuerHistory(world, twin)).toEqual([
      expect.objectContaining({
        cluster: cluster.name,
        issuer: twin.initialIssuerUrl(cluster.name),
      }),
    ]);
    const arm = azure.sandbox.azure.twin.state.getManagedCluster(
      stale.subscriptionId,
      'rg-aks',
      cluster.name,
    );
    expect(arm?.issuerUrl).toBe(cluster.issuer.url);

    const legacy = byScenario('pod-aad-pod-identity-leftover');
    const legacyCluster = twin.cluster(legacy.component.cluster);
    expect(
      legacyCluster.list(
        legacyCluster.type('aadpodidentity.k8s.io/v1', 'AzureIdentityBinding'),
        { namespace: legacy.component.namespace },
      ),
    ).toHaveLength(1);
    expect(
      legacyCluster.podsOfDeployment(
        legacy.component.namespace,
        legacy.component.kubernetesId,
      )[0].metadata.labels,
    ).toMatchObject({
      aadpodidbinding: legacy.component.kubernetesId,
      'azure.workload.identity/use': 'true',
    });

    const kv = byScenario('kv-access-policy-mode-no-policy');
    const vault = azure.sandbox.azure.twin.state.getResource(kv.targets[0].id);
    expect(vault?.properties).toMatchObject({
      enableRbacAuthorization: false,
      accessPolicies: [],
    });

    const raMissing = byScenario('ra-missing');
    expect(
      azure.sandbox.azure.twin.state
        .listRoleAssignments()
        .filter(r => r.principalId === raMissing.identity!.principalId),
    ).toHaveLength(0);
  });

  it('exports the pending request for the backend plugin, for a component without identity', () => {
    const pending = demoPendingRequests(world);
    expect(pending).toHaveLength(1);
    const d = byScenario('pending-request');
    expect(pending[0]).toMatchObject({
      entityRef: `component:default/${d.component.name}`,
      status: 'pending',
      namespace: d.component.namespace,
    });
    expect(pending[0].requestedBy).toMatch(/^user:default\//);
    expect(
      azure.sandbox.azure.twin.state.getResource(
        pending[0].targets[0].resourceId,
      ),
    ).toBeDefined();
  });

  it('carries the ownership the trust model reads, as the portal reads it through the SDKs', async () => {
    const component = (name: string) =>
      world.components.find(d => d.component.name === name)!;
    const cases = [
      { d: component('orders-api'), owner: 'group:default/team-orders' },
      { d: component('payments-worker'), owner: 'group:default/team-payments' },
      { d: component('audit-exporter'), owner: 'group:default/team-orders' },
      { d: component('ledger-service'), owner: 'group:default/team-payments' },
    ];
    const clientOptions = { endpoint: azure.url, ...azure.clientOptions };
    for (const { d, owner } of cases) {
      expect(d.component.owner).toBe(owner);
      const msi = new ManagedServiceIdentityClient(
        azure.credential,
        d.subscriptionId,
        clientOptions,
      );
      // Found by client id across the subscription, as the portal looks an identity up.
      const listed = [];
      for await (const i of msi.userAssignedIdentities.listBySubscription())
        listed.push(i);
      const identity = listed.find(i => i.clientId === d.identity!.clientId);
      expect(identity?.tags).toEqual({
        'backstage-entity-ref': `component:default/${d.component.name}`,
        'managed-by': 'backstage-azure-workload-identity',
      });
      expect(
        (await msi.userAssignedIdentities.get('rg-apps', d.identity!.name))
          .tags,
      ).toEqual(identity?.tags);

      const arm = new ResourceManagementClient(
        azure.credential,
        d.subscriptionId,
        clientOptions,
      );
      for (const t of d.targets)
        expect((await arm.resources.getById(t.id, '2023-01-01')).tags).toEqual({
          'backstage-owner': owner,
        });
      const inRg = [];
      for await (const r of arm.resources.listByResourceGroup('rg-apps'))
        inRg.push(r);
      for (const t of d.targets)
        expect(inRg.find(r => r.id === t.id)?.tags).toEqual({
          'backstage-owner': owner,
        });

      const kc = new KubeConfig();
      kc.loadFromFile(twin.kubeconfigPath);
      kc.setCurrentContext(d.component.cluster);
      const core = kc.makeApiClient(CoreV1Api);
      const ns = await core.readNamespace({ name: d.component.namespace });
      expect(
        ns.metadata?.annotations?.[
          'azure-workload-identity.backstage.io/owner'
        ],
      ).toBe(owner);
      const pods = await core.listNamespacedPod({
        namespace: d.component.namespace,
        labelSelector: `backstage.io/kubernetes-id=${d.component.kubernetesId}`,
      });
      expect(pods.items.length).toBeGreaterThan(0);
      for (const pod of pods.items) {
        expect(pod.spec?.serviceAccountName).toBe(d.component.kubernetesId);
        expect(pod.metadata?.labels?.['backstage.io/kubernetes-id']).toBe(
          d.component.kubernetesId,
        );
      }
    }
    // The private vault keeps its owner when the scenario closes it.
    const ledger = component('ledger-service');
    expect(
      azure.sandbox.azure.twin.state.getResource(ledger.targets[0].id),
    ).toMatchObject({
      tags: { 'backstage-owner': 'group:default/team-payments' },
      properties: { publicNetworkAccess: 'Disabled' },
    });
    // Ownership sits on the top-level resource only.
    const storage = cases[0].d.targets.find(t =>
      t.id.includes('/storageAccounts/'),
    )!;
    expect(
      azure.sandbox.azure.twin.state.getResource(
        `${storage.id}/blobServices/default/containers/${cases[0].d.component.namespace}`,
      )?.tags,
    ).toBeUndefined();
  });

  it('restores the demo after changes in under 2 seconds', async () => {
    const baseline = byScenario('healthy-baseline');
    const cluster = twin.cluster(baseline.component.cluster);
    cluster.delete(
      cluster.type('v1', 'Namespace'),
      undefined,
      baseline.component.namespace,
    );
    azure.sandbox.azure.twin.state.deleteIdentity(
      baseline.subscriptionId,
      'rg-apps',
      baseline.identity!.name,
    );
    const started = Date.now();
    await resetDemoWorld({
      world,
      azure: azure.sandbox.azure.twin,
      kubernetes: twin,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(
      cluster.podsOfDeployment(
        baseline.component.namespace,
        baseline.component.kubernetesId,
      ),
    ).toHaveLength(2);
    await expect((await tokenFor(baseline)).token()).resolves.toBeDefined();
    await expect(
      (await tokenFor(byScenario('fic-issuer-stale'))).token(),
    ).rejects.toThrow('AADSTS700211');
  });
});
