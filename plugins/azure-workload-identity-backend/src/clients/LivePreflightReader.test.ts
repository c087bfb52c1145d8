import { ServiceUnavailableError } from '@backstage/errors';
import net from 'node:net';
import { createLivePreflightReader } from './createLivePreflightReader';
import { LivePreflightReader } from './LivePreflightReader';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from './__testUtils__/startDemoSandbox';

jest.setTimeout(60_000);

describe('LivePreflightReader against the sandbox, through the real SDKs', () => {
  let demo: DemoSandbox;
  let reader: LivePreflightReader;

  beforeAll(async () => {
    demo = await startDemoSandbox();
    reader = createLivePreflightReader({
      config: demoPluginConfig(demo),
      clientOptions: demo.clientOptions,
    });
  });
  afterAll(() => demo?.stop());

  const component = (name: string) => {
    const found = demo.sandbox.demo!.world.components.find(
      c => c.component.name === name,
    );
    if (!found) throw new Error(`no demo component ${name}`);
    return found;
  };
  const clusterInfo = (name: string) =>
    demo.sandbox.demo!.kubernetes.clusterInfo().find(c => c.name === name)!;
  const identityId = (name: string) => {
    const c = component(name);
    return `/subscriptions/${c.subscriptionId}/resourceGroups/${
      c.resourceGroup
    }/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${
      c.identity!.name
    }`;
  };

  describe('clusters', () => {
    it('reads a configured cluster from ARM with the issuer URL the twin serves', async () => {
      const info = clusterInfo('aks-prod');

      await expect(reader.getCluster({ name: 'aks-prod' })).resolves.toEqual({
        name: 'aks-prod',
        subscriptionId: info.subscriptionId,
        resourceGroup: info.resourceGroup,
        location: info.location,
        oidcIssuerEnabled: true,
        issuerUrl: info.issuerUrl,
        workloadIdentityEnabled: true,
        // From the configuration, not ARM: the approval policy reads it.
        environment: 'production',
        namespaceEnvironments: [],
      });
      expect(info.issuerUrl).toMatch(/\/$/);
    });

    it('reads the current issuer of a rebuilt cluster, not its previous one', async () => {
      const info = clusterInfo('aks-dev');
      const cluster = await reader.getCluster({ name: 'aks-dev' });

      expect(cluster?.issuerUrl).toBe(info.issuerUrl);
      expect(info.previousIssuerUrls).not.toContain(cluster?.issuerUrl);
    });

    it('does not know a cluster that is not configured', async () => {
      await expect(
        reader.getCluster({ name: 'aks-elsewhere' }),
      ).resolves.toBeUndefined();
    });
  });

  describe('namespaces', () => {
    it('finds a namespace with the annotation naming its owners, with the reader token', async () => {
      await expect(
        reader.getNamespace({ cluster: 'aks-prod', namespace: 'orders' }),
      ).resolves.toEqual({
        name: 'orders',
        annotations: expect.objectContaining({
          'azure-workload-identity.backstage.io/owner':
            'group:default/team-orders',
        }),
      });
    });

    it('answers undefined for a namespace the cluster does not have', async () => {
      await expect(
        reader.getNamespace({ cluster: 'aks-prod', namespace: 'no-such' }),
      ).resolves.toBeUndefined();
    });
  });

  describe('ownership', () => {
    it("reads a service account's client-id annotation and the pods that run as it", async () => {
      const orders = component('orders-api');
      const account = await reader.getServiceAccount({
        cluster: 'aks-prod',
        namespace: 'orders',
        name: orders.component.kubernetesId,
      });
      expect(account?.annotations['azure.workload.identity/client-id']).toBe(
        orders.identity!.clientId,
      );
      await expect(
        reader.getServiceAccount({
          cluster: 'aks-prod',
          namespace: 'orders',
          name: 'no-such-account',
        }),
      ).resolves.toBeUndefined();

      const pods = await reader.listPods({
        cluster: 'aks-prod',
        namespace: 'orders',
      });
      expect(pods.length).toBeGreaterThan(0);
      expect(pods[0]).toEqual({
        name: expect.stringContaining('orders-api'),
        serviceAccountName: orders.component.kubernetesId,
        labels: expect.objectContaining({
          'backstage.io/kubernetes-id': 'orders-api',
        }),
      });
    });

    it("reads the owner tag of a sub-resource's top-level resource", async () => {
      const account = component('payments-worker').targets.find(t =>
        t.id.includes('/Microsoft.KeyVault/vaults/'),
      )!.id;
      await expect(
        reader.getResourceTags({ resourceId: `${account}/secrets/any` }),
      ).resolves.toEqual(
        expect.objectContaining({
          'backstage-owner': 'group:default/team-payments',
        }),
      );
    });

    it("finds another team's identity by its client id, with its provenance tag", async () => {
      const payments = component('payments-worker');
      await expect(
        reader.findIdentityByClientId({
          clientId: payments.identity!.clientId.toUpperCase(),
        }),
      ).resolves.toEqual(
        expect.objectContaining({
          name: payments.identity!.name,
          principalId: payments.identity!.principalId,
          tags: expect.objectContaining({
            'backstage-entity-ref': 'component:default/payments-worker',
          }),
        }),
      );
      await expect(
        reader.findIdentityByClientId({
          clientId: '99999999-0000-0000-0000-000000000000',
        }),
      ).resolves.toBeUndefined();
    });
  });

  describe('resources', () => {
    it('finds the target resources of a component', async () => {
      const targets = component('orders-api').targets;
      expect(targets.length).toBeGreaterThan(0);

      for (const target of targets) {
        await expect(
          reader.resourceExists({ resourceId: target.id }),
        ).resolves.toBe(true);
      }
    });

    it('finds a sub-resource: a blob container under its storage account', async () => {
      const account = component('orders-api').targets.find(t =>
        t.id.includes('/Microsoft.Storage/storageAccounts/'),
      )!.id;

      await expect(
        reader.resourceExists({
          resourceId: `${account}/blobServices/default/containers/orders`,
        }),
      ).resolves.toBe(true);
      await expect(
        reader.resourceExists({
          resourceId: `${account}/blobServices/default/containers/nothing-here`,
        }),
      ).resolves.toBe(false);
    });

    it('answers false for a resource, or a resource group, that does not exist', async () => {
      const { subscriptionId } = component('orders-api');
      const rg = `/subscriptions/${subscriptionId}/resourceGroups`;

      await expect(
        reader.resourceExists({
          resourceId: `${rg}/rg-apps/providers/Microsoft.Storage/storageAccounts/nosuchaccount`,
        }),
      ).resolves.toBe(false);
      await expect(
        reader.resourceExists({
          resourceId: `${rg}/rg-nope/providers/Microsoft.KeyVault/vaults/kv-nope`,
        }),
      ).resolves.toBe(false);
    });
  });

  describe('identities', () => {
    it('reads an existing identity and its federated credentials', async () => {
      const orders = component('orders-api');
      const id = identityId('orders-api');

      const identity = await reader.getIdentity({ resourceId: id });
      expect(identity).toMatchObject({
        name: orders.identity!.name,
        clientId: orders.identity!.clientId,
        principalId: orders.identity!.principalId,
      });
      expect(identity!.resourceId.toLowerCase()).toBe(id.toLowerCase());

      const fics = await reader.listFederatedCredentials({
        identityResourceId: id,
      });
      expect(fics).toContainEqual(
        expect.objectContaining({
          issuer: clusterInfo('aks-prod').issuerUrl,
          subject: 'system:serviceaccount:orders:orders-api',
          audiences: ['api://AzureADTokenExchange'],
        }),
      );
    });

    it('answers undefined for an identity that does not exist', async () => {
      const id = identityId('orders-api').replace(/wi-orders$/, 'wi-nobody');

      await expect(
        reader.getIdentity({ resourceId: id }),
      ).resolves.toBeUndefined();
    });

    it("lists a principal's role assignments at its target resources", async () => {
      const orders = component('orders-api');

      const assignments = await reader.listRoleAssignments({
        principalId: orders.identity!.principalId,
      });

      const scopes = assignments.map(a => a.scope.toLowerCase());
      for (const target of orders.targets) {
        expect(scopes).toContain(target.id.toLowerCase());
      }
      for (const assignment of assignments) {
        expect(assignment.roleId).toMatch(/^[0-9a-f-]{36}$/i);
      }
    });
  });

  describe('errors', () => {
    it('reports an unreachable ARM endpoint as unavailable, not as a missing cluster', async () => {
      const port = await closedPort();
      const unreachable = createLivePreflightReader({
        config: demoPluginConfig(demo, {
          resourceManagerEndpoint: `https://localhost:${port}`,
        }),
        clientOptions: demo.clientOptions,
      });

      const read = unreachable.getCluster({ name: 'aks-prod' });
      await expect(read).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(read).rejects.toThrow(
        /cannot read AKS cluster 'aks-prod'.*Azure Resource Manager is unreachable \(ECONNREFUSED\)/,
      );
    });

    it('reports a 403 from ARM as a refusal of the portal, not as a missing resource', async () => {
      const { faults } = demo.sandbox.azure.twin.context;
      const target = component('orders-api').targets[0].id;
      const fault = faults.add({
        match: { surface: 'arm', method: 'GET', pathContains: target },
        status: 403,
        code: 'AuthorizationFailed',
        message: 'The client does not have authorization to perform action.',
      });
      try {
        await expect(
          reader.resourceExists({ resourceId: target }),
        ).rejects.toThrow(
          /Azure Resource Manager refused the portal's identity \(HTTP 403 AuthorizationFailed\)/,
        );
      } finally {
        faults.remove(fault.id);
      }
    });

    it('reports a Kubernetes API refusal as unavailable, not as a missing namespace', async () => {
      const cluster = demo.sandbox.demo!.kubernetes.cluster('aks-prod');
      cluster.faults.add({
        verb: 'get',
        resource: 'namespaces',
        status: 403,
        times: 1,
      });

      await expect(
        reader.getNamespace({ cluster: 'aks-prod', namespace: 'orders' }),
      ).rejects.toThrow(
        /cannot read namespace 'orders': the Kubernetes API of cluster 'aks-prod' refused the portal's identity \(HTTP 403\)/,
      );
    });
  });
});

/** A localhost port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
