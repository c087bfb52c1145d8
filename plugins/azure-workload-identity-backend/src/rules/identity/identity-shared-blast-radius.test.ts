import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { W } from '../../inspection/__testUtils__/world';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('identity-shared-blast-radius', () => {
  it('identity-shared-3-components: the one finding', () => {
    const outcome = runScenario('identity-shared-3-components');
    expect(outcome.visible).toEqual(['identity-shared-blast-radius']);
    expect(outcome.masked).toEqual([]);
  });

  it('names the components and what they all hold', () => {
    const finding = findingOfRule(
      runScenario('identity-shared-3-components'),
      'identity-shared-blast-radius',
    );
    expect(finding.message).toBe(
      'wi-orders is shared by 3 components (orders-api, billing-worker, audit-exporter). A compromise of any of them exposes all of its roles (Storage Blob Data Reader, Key Vault Secrets User).',
    );
    expect(finding.evidence).toEqual({
      expected: '≤ 1 component',
      actual: '3: orders-api, billing-worker, audit-exporter',
    });
    // Each needs a request on its own card first, which no command can make: words.
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: "Give each other component (billing-worker, audit-exporter) an identity of its own: request Azure access from its card, switch its service account's annotation to the new client id, then delete its federated credential on wi-orders.",
    });
  });

  it('allows as many components as configured', () => {
    expect(
      runScenario('identity-shared-3-components', {
        maxComponentsPerIdentity: 3,
      }).visible,
    ).toEqual([]);
  });

  describe("other components' requests for the identity", () => {
    const withRequests = (
      requests: { entityRef: string; status: string }[],
    ) => {
      const snapshot = scenarioSnapshot('identity-shared-3-components');
      // Only the credentials' workloads of the scenario go: the requests alone share it.
      binding(snapshot).subjectWorkloads = {};
      binding(snapshot).identityRequests = {
        status: 'ok',
        value: requests.map((r, i) => ({ requestId: `req-${i}`, ...r })),
      };
      return runScenario(snapshot);
    };

    it('counts a component whose request holds or is about to hold the identity', () => {
      const outcome = withRequests([
        { entityRef: 'component:default/orders-api', status: 'active' },
        { entityRef: 'component:default/billing-worker', status: 'applying' },
      ]);
      expect(
        findingOfRule(outcome, 'identity-shared-blast-radius').evidence.actual,
      ).toBe('2: orders-api, billing-worker');
    });

    it('does not count requests that were never approved or are gone', () => {
      const outcome = withRequests([
        { entityRef: 'component:default/orders-api', status: 'active' },
        {
          entityRef: 'component:default/billing-worker',
          status: 'pending-approval',
        },
        { entityRef: 'component:default/audit-exporter', status: 'revoked' },
      ]);
      expect(outcome.findings).toEqual([]);
    });

    it('stays silent when the requests cannot be read', () => {
      const snapshot = scenarioSnapshot('identity-shared-3-components');
      binding(snapshot).identityRequests = {
        status: 'unreachable',
        reason: 'the database did not answer',
      };
      expect(runScenario(snapshot).visible).toEqual([
        'inspect-upstream-unreachable',
      ]);
    });
  });

  it('counts a workload of the namespace whose own service account names the identity', () => {
    const snapshot = scenarioSnapshot('identity-shared-3-components');
    const b = binding(snapshot);
    b.subjectWorkloads = {};
    const own = b.workload.status === 'ok' ? b.workload.value : undefined;
    const reports = structuredClone(own!);
    reports.metadata = {
      name: 'reports-job',
      namespace: 'orders',
      labels: { 'backstage.io/kubernetes-id': 'reports-job' },
    };
    reports.template.spec.serviceAccountName = 'reports';
    b.namespaceWorkloads = { status: 'ok', value: [own!, reports] };
    const accounts = snapshot.clusters[0].serviceAccounts.orders;
    if (accounts.status !== 'ok') throw new Error('fixture');
    accounts.value.push({
      metadata: {
        name: 'reports',
        namespace: 'orders',
        annotations: {
          'azure.workload.identity/client-id': W.clientId.toUpperCase(),
        },
      },
    });
    expect(
      findingOfRule(runScenario(snapshot), 'identity-shared-blast-radius')
        .evidence.actual,
    ).toBe('2: orders-api, reports-job');
  });
});
