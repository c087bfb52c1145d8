import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createLivePreflightReader } from '../../clients/createLivePreflightReader';
import { createProvisioningClients } from '../../clients/createProvisioningClients';
import {
  demoCatalogEntities,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { createAzureWorkloadIdentityPlugin } from '../../plugin';
import { RealismOptions } from 'sandbox';

export const API = '/api/azure-workload-identity';

/**
 * The plugin on the real SDK clients against a fresh demo sandbox, with short backoffs:
 * what the sandbox tests of provisioning drive through HTTP.
 */
export async function startLiveApi(options: {
  databases: TestDatabases;
  realism?: Partial<RealismOptions>;
  /** More service factories, e.g. a logger that records what is logged. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** Catalog entities besides the demo's components. */
  entities?: Entity[];
}) {
  const demo = await startDemoSandbox({ realism: options.realism });
  const config = demoPluginConfig(demo);
  const knex = await options.databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      createAzureWorkloadIdentityPlugin({
        preflight: createLivePreflightReader({
          config,
          clientOptions: demo.clientOptions,
        }),
        provisioning: createProvisioningClients({
          config,
          clientOptions: demo.clientOptions,
        }),
        provisioningTimings: { initialDelayMs: 50, maxDelayMs: 200 },
      }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [
          ...demoCatalogEntities(demo.catalog),
          ...(options.entities ?? []),
        ],
      }),
      mockServices.rootConfig.factory({
        data: { azureWorkloadIdentity: { azure: config.azure } },
      }),
      ...(options.features ?? []),
    ],
  });

  const as = (user: string) => ({
    post: (path: string, body: object = {}) =>
      request(server)
        .post(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body),
    get: (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header(user)),
  });

  /** Waits until the request is active, failed or waiting for a person. */
  async function settled(id: string, user: string) {
    for (let i = 0; i < 400; i++) {
      const current = (await as(user).get(`/requests/${id}`)).body.request;
      if (['active', 'failed', 'pending-approval'].includes(current.status)) {
        return current;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`request ${id} did not settle`);
  }

  /**
   * Waits until the request is active or failed; a request the policy sends to a person (the
   * demo's aks-prod is production) is approved by the platform team on the way.
   */
  async function settledApproved(id: string, user: string) {
    const current = await settled(id, user);
    if (current.status !== 'pending-approval') return current;
    const approved = await as('user:default/pat-platform').post(
      `/requests/${id}/approve`,
      { planHash: current.planHash },
    );
    if (approved.status !== 200) {
      throw new Error(
        `approving ${id} failed: ${JSON.stringify(approved.body)}`,
      );
    }
    return settled(id, user);
  }

  return {
    demo,
    server,
    as,
    settled,
    settledApproved,
    stop: () => demo.stop(),
  };
}

export type LiveApi = Awaited<ReturnType<typeof startLiveApi>>;
