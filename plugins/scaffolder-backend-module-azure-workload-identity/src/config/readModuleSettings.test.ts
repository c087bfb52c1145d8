import { mockServices } from '@backstage/backend-test-utils';
import { readModuleSettings } from './readModuleSettings';

describe('readModuleSettings', () => {
  const read = (data: object) =>
    readModuleSettings(mockServices.rootConfig({ data: data as any }));

  it('links a request to its page in the app and waits ten minutes by default', () => {
    const settings = read({
      app: { baseUrl: 'https://backstage.example.com/' },
    });
    expect(settings.requestUrl('0190f5e2-7b1c-7c3d-8e4f-0123456789ab')).toBe(
      'https://backstage.example.com/azure-workload-identity/requests/0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
    );
    expect(settings.waitTimeoutMs).toBe(600_000);
  });

  it('takes the wait timeout from config', () => {
    const settings = read({
      app: { baseUrl: 'http://localhost:3000' },
      azureWorkloadIdentity: { scaffolder: { waitTimeoutSeconds: 90 } },
    });
    expect(settings.waitTimeoutMs).toBe(90_000);
  });

  it('names the missing key', () => {
    expect(() => read({})).toThrow(/app\.baseUrl/);
  });
});
