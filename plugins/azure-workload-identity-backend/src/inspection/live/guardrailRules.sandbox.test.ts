import { ConfigReader } from '@backstage/config';
import { demoIssuerHistory } from 'sandbox';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { GuardrailMode } from '../../config/readGuardrailConfig';
import { readGuardrailConfig } from '../../config/readGuardrailConfig';
import { createGuardrailSync } from '../../guardrails/createGuardrailSync';
import { GrantSources } from '../../guardrails/grantsOfCluster';
import { CLIENT_ID_ANNOTATION } from '../../guardrails/guardrailNames';
import { guardrailExpectations } from '../../guardrails/inspectedGuardrails';
import { AccessRequestRecord } from '../../requests/types';
import { HEALTH_RULES } from '../../rules';
import { baselineRequest } from '../__testUtils__/baselineBinding';
import { aksProd, wiOrders } from '../__testUtils__/twinStaging';
import { inspect } from '../engine';
import { chainGuardrails } from './chainGuardrails';
import { createLiveInspector } from './createLiveInspector';

jest.setTimeout(120_000);

const ids = (findings: { ruleId: string }[]) =>
  [...new Set(findings.map(f => f.ruleId))].sort();

/**
 * The guardrail rules on the demo's orders-api, read live from the twin's API server with the
 * inspector's read-only credential, the guardrails written by the portal's sync.
 */
describe('guardrail rules against the sandbox', () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());
  beforeEach(() => demo.sandbox.demo!.reset());

  const clientIdOfOrdersApi = () =>
    aksProd(demo).find('v1', 'ServiceAccount', 'orders', 'orders-api')!.metadata
      .annotations![CLIENT_ID_ANNOTATION] as string;

  /** The portal's stores: orders-api's request active, or (`granted` false) none at all. */
  function stores(granted: boolean): GrantSources {
    const request = {
      id: 'req-orders-api',
      status: 'active',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      planHash: 'plan-1',
    } as AccessRequestRecord;
    return {
      requests: {
        async listRequests(query) {
          const items = granted && query.status === 'active' ? [request] : [];
          return { items, totalCount: items.length };
        },
      },
      applied: {
        async appliedSteps() {
          return new Map([['identity', { clientId: clientIdOfOrdersApi() }]]);
        },
      },
    };
  }

  function settings(mode: GuardrailMode) {
    const appConfig = demo.appConfig() as { azureWorkloadIdentity: object };
    const rootConfig = new ConfigReader({
      ...appConfig,
      azureWorkloadIdentity: {
        ...appConfig.azureWorkloadIdentity,
        guardrails: { mode },
      },
    });
    return { rootConfig, settingsOf: readGuardrailConfig(rootConfig) };
  }

  /** What the portal's start-up sync writes into aks-prod. */
  async function syncGuardrails(mode: GuardrailMode, granted: boolean) {
    const config = demoPluginConfig(demo);
    await createGuardrailSync({
      config,
      rootConfig: settings(mode).rootConfig,
      stores: stores(granted),
      clientOptions: demo.clientOptions,
    }).syncCluster('aks-prod');
  }

  async function inspectOrdersApi(mode: GuardrailMode, granted = true) {
    const config = demoPluginConfig(demo);
    const [fic] = demo.sandbox.azure.twin.state.listFederatedCredentials(
      wiOrders(demo),
    );
    const request = baselineRequest();
    request.federatedCredential = {
      ...request.federatedCredential!,
      name: fic.name,
      issuer: fic.issuer,
    };
    const world = demo.sandbox.demo!.world;
    const inspector = createLiveInspector({
      config,
      clientOptions: demo.clientOptions,
      requestsOf: async () => [request],
      requestsOfIdentity: async () => [],
      issuerHistory: async () =>
        demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
      probeMinIntervalMs: 0,
      guardrails: guardrailExpectations({
        clusters: config.clusters,
        settingsOf: settings(mode).settingsOf,
        stores: stores(granted),
      }),
    });
    const orders = world.components.find(
      d => d.component.name === 'orders-api',
    )!;
    const snapshot = await inspector.inspect({
      entityRef: 'component:default/orders-api',
      annotations: orders.component.annotations,
    });
    const result = inspect({ snapshot, rules: HEALTH_RULES, now: new Date() });
    return {
      visible: ids(result.findings.filter(f => !f.maskedBy)),
      links: result.links,
      guardrails: chainGuardrails(snapshot),
      environments: snapshot.bindings.map(b => b.environment),
    };
  }

  it('reads the demo, guardrails off, as healthy as before, in the environment configuration gives aks-prod', async () => {
    expect(await inspectOrdersApi('off')).toMatchObject({
      visible: [],
      guardrails: [{ cluster: 'aks-prod', mode: 'off', state: 'off' }],
      environments: ['production'],
    });
  });

  it('reports guardrails in deny that aks-prod does not hold, and nothing once the portal wrote them', async () => {
    expect(await inspectOrdersApi('deny')).toMatchObject({
      visible: ['guardrail-missing'],
      guardrails: [{ cluster: 'aks-prod', mode: 'deny', state: 'missing' }],
    });
    await syncGuardrails('deny', true);
    expect(await inspectOrdersApi('deny')).toMatchObject({
      visible: [],
      guardrails: [{ cluster: 'aks-prod', mode: 'deny', state: 'current' }],
    });
    // Audit is written with other validation actions: the cluster's copy is outdated.
    expect(await inspectOrdersApi('audit')).toMatchObject({
      visible: ['guardrail-missing'],
      guardrails: [{ cluster: 'aks-prod', mode: 'audit', state: 'outdated' }],
    });
  });

  it('reports the client id attached around the portal: no request grants it', async () => {
    await syncGuardrails('deny', false);
    expect(await inspectOrdersApi('deny', false)).toMatchObject({
      visible: ['sa-client-id-not-granted'],
      guardrails: [{ cluster: 'aks-prod', mode: 'deny', state: 'current' }],
    });
  });

  it('says the cluster link is unknown, not broken, when the reader may not list the policies', async () => {
    await syncGuardrails('deny', true);
    aksProd(demo).faults.add({
      verb: 'list',
      resource: 'validatingadmissionpolicies',
      status: 403,
    });
    try {
      // Whether the service account's client id is granted could not be checked either.
      expect(await inspectOrdersApi('deny')).toMatchObject({
        visible: ['inspect-read-forbidden'],
        links: { cluster: 'unknown', serviceaccount: 'unknown', pod: 'ok' },
        guardrails: [{ cluster: 'aks-prod', mode: 'deny', state: 'unknown' }],
      });
    } finally {
      aksProd(demo).faults.clear();
    }
  });
});
