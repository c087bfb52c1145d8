import { CHAIN_LINKS } from '@backstage-community/plugin-azure-workload-identity-common';
import { ok, serviceAccount } from './__testUtils__/access';
import { baselineSnapshot } from './__testUtils__/baselineWorld';
import { revokedSnapshot } from './__testUtils__/revokedWorld';
import { findingOfRule, runScenario } from './__testUtils__/runScenario';
import { ACCESS_REVOKED_STILL_USED } from './revokedAccess';

describe('a revoked chain', () => {
  it('is no access, not a broken chain: no finding, and no link ok or broken', () => {
    for (const identityKept of [false, true]) {
      const outcome = runScenario(revokedSnapshot({ identityKept }));
      expect(outcome.findings).toEqual([]);
      for (const link of CHAIN_LINKS) {
        expect([link, outcome.links[link]]).toEqual([link, 'none']);
      }
    }
  });

  it('warns only about pods that still ask for Azure, with the commands that remove what is left', () => {
    const outcome = runScenario(
      revokedSnapshot({
        stillLabelled: true,
        envClientId: '4024ab25-56a8-4370-aea6-6389221caf29',
      }),
    );
    expect(outcome.visible).toEqual([ACCESS_REVOKED_STILL_USED]);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, ACCESS_REVOKED_STILL_USED);
    expect(finding).toMatchObject({
      link: 'pod',
      severity: 'warning',
      state: 'degraded',
      title: 'Pods still ask for revoked Azure access',
    });
    expect(finding.message).toBe(
      "Azure access for deployment/orders-api was revoked (request req-1), but it still asks for it through the pod label azure.workload.identity/use and AZURE_CLIENT_ID in container app's environment. Its Azure calls fail: remove what is left, or request Azure access again.",
    );
    // Nothing says to recreate what the revoke removed.
    expect(finding.fix.text).not.toMatch(/az identity|client-id=/);
    expect(finding.fix.text.split('\n')).toEqual([
      `kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}}}}}'`,
      'kubectl -n orders set env deployment/orders-api -c app AZURE_CLIENT_ID-',
    ]);
    expect(outcome.links.pod).toBe('degraded');
    expect(outcome.links.identity).toBe('none');
  });

  it('says an expired request expired', () => {
    const finding = findingOfRule(
      runScenario(revokedSnapshot({ status: 'expired', stillLabelled: true })),
      ACCESS_REVOKED_STILL_USED,
    );
    expect(finding.message).toMatch(
      /^Azure access for deployment\/orders-api expired \(request req-1\)/,
    );
  });

  it("inspects a chain of the team's own as usual: its service account names another identity", () => {
    const snapshot = revokedSnapshot({ stillLabelled: true });
    serviceAccount(snapshot).metadata.annotations = {
      'azure.workload.identity/client-id':
        '99999999-0000-0000-0000-000000000009',
    };
    const outcome = runScenario(snapshot);
    expect(outcome.visible).not.toContain(ACCESS_REVOKED_STILL_USED);
    expect(outcome.links.serviceaccount).toBe('broken');
  });

  it('still reports roles the revoke left in place', () => {
    const snapshot = revokedSnapshot({ identityKept: true });
    // The identity kept its role on the storage account: the revoke did not finish.
    const left = ok(baselineSnapshot().bindings[0].roleAssignments).filter(a =>
      /storageAccounts/.test(a.properties.scope),
    );
    snapshot.bindings[0].roleAssignments = { status: 'ok', value: left };
    const outcome = runScenario(snapshot);
    expect(outcome.visible).toEqual(['request-expired-still-active']);
    expect(outcome.links.roleassignment).toBe('degraded');
  });
});

describe('a request that built nothing', () => {
  it.each(['pending', 'rejected'] as const)(
    'leaves an unlabelled workload without a chain while %s',
    status => {
      const snapshot = revokedSnapshot();
      ok(snapshot.requests)[0].status = status;
      const outcome = runScenario(snapshot);
      expect(outcome.findings).toEqual([]);
      expect(outcome.links.token).toBe('none');
    },
  );
});
