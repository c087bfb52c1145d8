import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { azureWorkloadIdentityPlugin } from './plugin';

describe('azureWorkloadIdentityPlugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('answers health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [azureWorkloadIdentityPlugin],
    });

    const response = await request(server).get(
      '/api/azure-workload-identity/health',
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('refuses to start with a configuration it cannot use, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          azureWorkloadIdentityPlugin,
          mockServices.rootConfig.factory({
            data: {
              azureWorkloadIdentity: {
                azure: { resourceManagerEndpoint: 'http://localhost:1' },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/resourceManagerEndpoint must use https/);
  });

  it('creates its tables on start', async () => {
    const knex = await databases.init('SQLITE_3');

    await startTestBackend({
      features: [
        azureWorkloadIdentityPlugin,
        mockServices.database.factory({ knex }),
      ],
    });

    expect(await knex.schema.hasTable('awi_requests')).toBe(true);
    expect(await knex.schema.hasTable('awi_request_events')).toBe(true);
  });
});
