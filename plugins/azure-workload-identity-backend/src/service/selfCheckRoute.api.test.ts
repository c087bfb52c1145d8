import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';
import request from 'supertest';
import { createAzureWorkloadIdentityPlugin } from '../plugin';

const API = '/api/azure-workload-identity';

describe('GET /self-check', () => {
  async function start() {
    const asked: Array<{ refresh?: boolean } | undefined> = [];
    const { server } = await startTestBackend({
      features: [
        createAzureWorkloadIdentityPlugin({
          selfChecker: {
            check: async options => {
              asked.push(options);
              return {
                checkedAt: '2026-12-06T03:00:00.000Z',
                ready: { inspection: true, provisioning: true },
                checks: [],
              } as unknown as SelfCheckReport;
            },
          },
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const get = (path: string) =>
      request(server)
        .get(`${API}${path}`)
        .set('Authorization', mockCredentials.user.header());
    return { get, asked };
  }

  it('answers a recent report unless asked to refresh', async () => {
    const { get, asked } = await start();
    expect((await get('/self-check')).status).toBe(200);
    expect((await get('/self-check?refresh=true')).status).toBe(200);
    expect(asked).toEqual([{ refresh: false }, { refresh: true }]);
  });

  it('says what to change in a bad query', async () => {
    const { get, asked } = await start();
    const response = await get('/self-check?refresh=yes');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /refresh.*use 'true' or 'false'/,
    );
    expect(asked).toEqual([]);
  });
});
