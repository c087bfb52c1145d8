import {
  EnvironmentCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { baselineAzureSeed } from './azure';
import { FAST_REALISM, request } from './azure/__testUtils__/startTestSandbox';
import { readEnvFile } from './envFile';
import { startSandbox } from './startSandbox';

describe('startSandbox', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-start-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('starts quickly and writes an env file that the Azure SDK credentials accept as is', async () => {
    const started = Date.now();
    const sandbox = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, seed: baselineAzureSeed() },
    });
    try {
      expect(Date.now() - started).toBeLessThan(3000);
      const env = await readEnvFile(path.join(dir, 'azure.env'));
      expect(env).toMatchObject({
        AZURE_TENANT_ID: sandbox.azure.twin.tenantId,
        AZURE_CLIENT_ID: sandbox.azure.twin.portal.clientId,
        AZURE_AUTHORITY_HOST: sandbox.azure.url,
        AZURE_RESOURCE_MANAGER_ENDPOINT: sandbox.azure.url,
        AZURE_SUBSCRIPTION_ID: sandbox.azure.twin.subscriptionId,
        NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
        SANDBOX_ADMIN_TOKEN_FILE: path.join(dir, 'admin-token'),
      });
      expect(env.AZURE_CLIENT_SECRET).toBeTruthy();
      expect(
        (await fs.readFile(env.SANDBOX_ADMIN_TOKEN_FILE, 'utf8')).trim(),
      ).toBe(sandbox.azure.adminToken);

      // EnvironmentCredential reads exactly these variables.
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const credential = new EnvironmentCredential({
          disableInstanceDiscovery: true,
          tlsOptions: { ca: sandbox.tls.caCertPem },
        });
        const msi = new ManagedServiceIdentityClient(
          credential,
          env.AZURE_SUBSCRIPTION_ID,
          {
            endpoint: env.AZURE_RESOURCE_MANAGER_ENDPOINT,
            tlsOptions: { ca: sandbox.tls.caCertPem },
          },
        );
        expect(
          (await msi.userAssignedIdentities.get('rg-apps', 'wi-orders'))
            .clientId,
        ).toBe('4024ab25-56a8-4370-aea6-6389221caf29');
      } finally {
        process.env = saved;
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('guards the admin endpoint, and its faults, seed and reset work', async () => {
    const sandbox = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, persist: false },
    });
    const { url } = sandbox.azure;
    const ca = sandbox.tls.caCertPem;
    const admin = (method: string, p: string, body?: unknown) =>
      request(
        url,
        ca,
        method,
        `/admin/azure${p}`,
        body,
        sandbox.azure.adminToken,
      );
    try {
      expect((await request(url, ca, 'GET', '/admin/azure/state')).status).toBe(
        401,
      );
      expect(
        (
          await request(
            url,
            ca,
            'GET',
            '/admin/azure/state',
            undefined,
            'wrong',
          )
        ).status,
      ).toBe(401);

      expect(
        (
          await admin('POST', '/seed', {
            resourceGroups: [{ name: 'rg-x' }],
            identities: [{ resourceGroup: 'rg-x', name: 'wi-x' }],
          })
        ).status,
      ).toBe(200);
      expect(
        (await admin('GET', '/state')).body.identities.map(
          (i: { name: string }) => i.name,
        ),
      ).toEqual(['wi-x']);
      expect(
        (
          await admin('POST', '/seed', {
            roleAssignments: [
              { role: 'No Such Role', scope: '/', principalId: 'x' },
            ],
          })
        ).status,
      ).toBe(400);

      const fault = await admin('POST', '/faults', {
        match: { surface: 'entra' },
        status: 503,
        times: 1,
      });
      expect(fault.status).toBe(201);
      const token = await request(
        url,
        ca,
        'POST',
        `/${sandbox.azure.twin.tenantId}/oauth2/v2.0/token`,
        'grant_type=client_credentials',
      );
      expect(token.status).toBe(503);
      expect((await admin('GET', '/faults')).body.value).toEqual([]);

      expect(
        (await admin('PATCH', '/realism', { latencyMs: 5 })).body.latencyMs,
      ).toBe(5);
      expect((await admin('POST', '/reset')).status).toBe(200);
      expect((await admin('GET', '/state')).body.identities).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });

  it('keeps the world across a restart (same CA, secret and state) unless reset', async () => {
    const first = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, seed: baselineAzureSeed() },
    });
    first.azure.twin.state.putResourceGroup({
      subscriptionId: first.azure.twin.subscriptionId,
      name: 'rg-added',
      location: 'eastus',
    });
    await first.stop();
    const second = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, seed: baselineAzureSeed() },
    });
    try {
      expect(second.tls.caCertPem).toBe(first.tls.caCertPem);
      expect(second.azure.twin.portal.clientSecret).toBe(
        first.azure.twin.portal.clientSecret,
      );
      expect(
        second.azure.twin.state.getResourceGroup(
          second.azure.twin.subscriptionId,
          'rg-added',
        ),
      ).toBeDefined();
      second.azure.twin.reset();
      expect(
        second.azure.twin.state.getResourceGroup(
          second.azure.twin.subscriptionId,
          'rg-added',
        ),
      ).toBeUndefined();
      expect(
        second.azure.twin.state.getIdentity(
          second.azure.twin.subscriptionId,
          'rg-apps',
          'wi-orders',
        ),
      ).toBeDefined();
    } finally {
      await second.stop();
    }
  });

  it('starts the demo world on both halves, with the issuers the clusters serve, and resets it', async () => {
    const catalogPath = path.resolve(__dirname, '../../../demo/catalog.yaml');
    const sandbox = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, persist: false },
      demo: { catalogPath, kubernetesBasePort: 0 },
    });
    try {
      const { kubernetes, world } = sandbox.demo!;
      expect(kubernetes.clusters.map(c => c.name).sort()).toEqual([
        'aks-dev',
        'aks-prod',
      ]);
      // The provisioner's write token of each cluster reaches the portal's env file.
      const env = await readEnvFile(path.join(dir, 'azure.env'));
      for (const cluster of kubernetes.clusterInfo()) {
        const name = cluster.name.toUpperCase().replace(/-/g, '_');
        expect(env[`KUBERNETES_PROVISIONER_TOKEN_${name}`]).toBe(
          cluster.tokens.provisioner,
        );
      }

      // Every demo cluster is an AKS cluster in ARM whose issuer is one the twin serves.
      const { state } = sandbox.azure.twin;
      for (const cluster of world.clusters) {
        const arm = state.getManagedCluster(
          cluster.subscriptionId,
          cluster.resourceGroup,
          cluster.name,
        );
        expect(arm?.issuerUrl?.startsWith(kubernetes.issuerBaseUrl)).toBe(true);
        expect(arm?.issuerUrl?.endsWith('/')).toBe(true);
      }
      const subscriptions = new Set(world.clusters.map(c => c.subscriptionId));
      expect(subscriptions.size).toBe(2);

      // The portal learns the issuer aks-dev had before it was rebuilt.
      const portalConfig = yaml.load(
        await fs.readFile(path.join(dir, 'app-config.kubernetes.yaml'), 'utf8'),
      ) as any;
      const dev = kubernetes.clusterInfo().find(c => c.name === 'aks-dev')!;
      expect(
        portalConfig.azureWorkloadIdentity.inspection.issuerHistory,
      ).toEqual(
        dev.previousIssuerUrls.map(issuer => ({ cluster: 'aks-dev', issuer })),
      );
      expect(dev.previousIssuerUrls).toHaveLength(1);
      expect(dev.previousIssuerUrls[0]).not.toBe(dev.issuerUrl);

      const prod = kubernetes.cluster('aks-prod');
      const pods = () =>
        prod.list(prod.type('v1', 'Pod'), { namespace: 'orders' });
      const ordersPods = pods();
      expect(ordersPods.length).toBeGreaterThan(0);
      prod.delete(prod.type('v1', 'Namespace'), undefined, 'orders');
      expect(pods()).toEqual([]);

      const reset = await request(
        sandbox.azure.url,
        sandbox.tls.caCertPem,
        'POST',
        '/admin/demo/reset',
        undefined,
        sandbox.azure.adminToken,
      );
      expect(reset.status).toBe(200);
      expect(reset.body.durationMs).toBeLessThan(2000);
      expect(pods().length).toBe(ordersPods.length);
    } finally {
      await sandbox.stop();
    }
  });

  it('acts as the newest pod of a deployment for callers in another process', async () => {
    const catalogPath = path.resolve(__dirname, '../../../demo/catalog.yaml');
    const sandbox = await startSandbox({
      dir,
      azure: { port: 0, realism: FAST_REALISM, persist: false },
      demo: { catalogPath, kubernetesBasePort: 0 },
    });
    const workload = (body: object, token = sandbox.azure.adminToken) =>
      request(
        sandbox.azure.url,
        sandbox.tls.caCertPem,
        'POST',
        '/admin/demo/workload',
        body,
        token,
      );
    try {
      const orders = await workload({
        cluster: 'aks-prod',
        namespace: 'orders',
        deployment: 'orders-api',
      });
      expect(orders.status).toBe(200);
      expect(orders.body.env.AZURE_CLIENT_ID).toBe(
        '4024ab25-56a8-4370-aea6-6389221caf29',
      );
      const credential = new WorkloadIdentityCredential(
        orders.body.credentialOptions,
      );
      const token = await credential.getToken(
        'https://storage.azure.com/.default',
      );
      expect(token.token.split('.')).toHaveLength(3);

      // Nothing was given to it yet: the webhook injected nothing.
      const search = await workload({
        cluster: 'aks-dev',
        namespace: 'search',
        deployment: 'search-indexer',
      });
      expect(search.status).toBe(200);
      expect(search.body.env).toEqual({});

      expect(
        (await workload({ cluster: 'aks-dev', namespace: 'search' })).status,
      ).toBe(400);
      expect(
        (
          await workload({
            cluster: 'aks-dev',
            namespace: 'search',
            deployment: 'nothing',
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await workload(
            {
              cluster: 'aks-prod',
              namespace: 'orders',
              deployment: 'orders-api',
            },
            'not-the-admin-token',
          )
        ).status,
      ).toBe(401);
    } finally {
      await sandbox.stop();
    }
  });
});
