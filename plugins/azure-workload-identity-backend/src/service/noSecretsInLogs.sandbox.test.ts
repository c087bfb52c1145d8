import {
  AuditorService,
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  LiveApi,
  startLiveApi,
} from '../provisioning/__testUtils__/startLiveApi';

jest.setTimeout(120_000);

const OLIVIA = 'user:default/olivia-orders';
const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;

/** Everything any plugin logs or audits, as text, to be searched for secrets. */
function recorder() {
  const lines: string[] = [];
  const logger = (scope: string): LoggerService => ({
    error: (message, meta) =>
      void lines.push(`${scope} ${message} ${text(meta)}`),
    warn: (message, meta) =>
      void lines.push(`${scope} ${message} ${text(meta)}`),
    info: (message, meta) =>
      void lines.push(`${scope} ${message} ${text(meta)}`),
    debug: (message, meta) =>
      void lines.push(`${scope} ${message} ${text(meta)}`),
    child: meta => logger(`${scope} ${text(meta)}`),
  });
  const auditor: AuditorService = {
    createEvent: async options => {
      lines.push(`audit ${options.eventId} ${text(options.meta)}`);
      return {
        success: async params =>
          void lines.push(`audit success ${text(params?.meta)}`),
        fail: async params =>
          void lines.push(
            `audit fail ${text(params.meta)} ${params.error.message}`,
          ),
      };
    },
  };
  return {
    lines,
    features: [
      createServiceFactory({
        service: coreServices.logger,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => logger(plugin.getId()),
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => auditor,
      }),
    ],
  };
}

function text(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error ? `${v.name}: ${v.message}` : v,
  );
}

describe('secrets stay out of logs, audit records and the timeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const recorded = recorder();
  let api: LiveApi;

  beforeAll(async () => {
    api = await startLiveApi({ databases, features: recorded.features });
  });
  afterAll(() => api?.stop());

  it('holds for a full request: plan, provision, verify and revoke', async () => {
    const storage = api.demo.sandbox
      .demo!.world.components.find(c => c.component.name === 'orders-api')!
      .targets.find(t => t.id.includes('/storageAccounts/'))!.id;
    const created = await api.as(OLIVIA).post('/requests', {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-audited',
      resources: [
        {
          resourceId: `${storage}/blobServices/default/containers/orders`,
          intent: 'read',
        },
      ],
    });
    expect(created.status).toBe(201);
    const done = await api.settledApproved(created.body.request.id, OLIVIA);
    expect(done.status).toBe('active');
    const revoked = await api
      .as(OLIVIA)
      .post(`/requests/${done.id}/revoke`, { reason: 'audit test' });
    expect(revoked.status).toBe(200);
    const events = await api.as(OLIVIA).get(`/requests/${done.id}/events`);

    const secrets = [
      api.demo.sandbox.azure.twin.portal.clientSecret,
      api.demo.sandbox.azure.adminToken,
      ...api.demo.sandbox
        .demo!.kubernetes.clusterInfo()
        .flatMap(c => [c.tokens.admin, c.tokens.reader, c.tokens.provisioner]),
    ];
    const haystack = [...recorded.lines, JSON.stringify(events.body)].join(
      '\n',
    );
    // The run did log and audit: an empty haystack would prove nothing.
    expect(recorded.lines.some(l => l.startsWith('audit request-create'))).toBe(
      true,
    );
    expect(recorded.lines.some(l => l.includes('is active'))).toBe(true);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(haystack).not.toContain(secret);
    }
    expect(haystack).not.toMatch(JWT);
  });
});
