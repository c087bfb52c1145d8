import { testCatalog } from './catalogEntities';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  azureWorkloadIdentityPlugin,
  createAzureWorkloadIdentityPlugin,
} from '../plugin';
import { InMemoryPreflightReader } from './InMemoryPreflightReader';

export const API = '/api/azure-workload-identity';
export const OLIVIA = 'user:default/olivia-orders';

/**
 * Starts the wired plugin on a fresh SQLite database, with an in-memory world for pre-flight
 * or, without one, the plugin's default reader.
 */
export async function startApi(options: {
  databases: TestDatabases;
  preflight?: InMemoryPreflightReader;
}) {
  const knex = await options.databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      options.preflight
        ? createAzureWorkloadIdentityPlugin({ preflight: options.preflight })
        : azureWorkloadIdentityPlugin,
      mockServices.database.factory({ knex }),
      testCatalog(),
    ],
  });

  return {
    server,
    knex,
    /** Rows in both tables: zero means nothing was written. */
    async storedRows(): Promise<number> {
      const [requests, events] = await Promise.all([
        knex('awi_requests').count({ n: '*' }),
        knex('awi_request_events').count({ n: '*' }),
      ]);
      return Number(requests[0].n) + Number(events[0].n);
    },
    /** POSTs JSON as Olivia, a user. */
    post(path: string, body: unknown) {
      return request(server)
        .post(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header(OLIVIA))
        .send(body as object);
    },
    get(path: string) {
      return request(server).get(`${API}${path}`);
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof startApi>>;
