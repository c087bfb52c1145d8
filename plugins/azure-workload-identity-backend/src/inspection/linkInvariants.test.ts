import {
  CHAIN_LINKS,
  Link,
  worstLinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { DEFAULT_HEALTH_RULES_CONFIG } from './config';
import { deriveBinding } from './derive';
import { valueOf } from './reads';
import { InspectionSnapshot } from './snapshot';
import { revokedSnapshot } from './__testUtils__/revokedWorld';
import { runScenario } from './__testUtils__/runScenario';
import { scenarioSnapshot, SCENARIOS } from './__testUtils__/scenarios';

// Every staged scenario, and the chains a revoke leaves behind.
const STAGED: [string, () => InspectionSnapshot][] = [
  ...Object.keys(SCENARIOS).map(
    name =>
      [name, () => scenarioSnapshot(name)] as [
        string,
        () => InspectionSnapshot,
      ],
  ),
  ['revoked', () => revokedSnapshot()],
  ['revoked-identity-kept', () => revokedSnapshot({ identityKept: true })],
  ['revoked-still-labelled', () => revokedSnapshot({ stillLabelled: true })],
  ['expired', () => revokedSnapshot({ status: 'expired' })],
];

/** What each link holds in the workloads that use workload identity, read off the snapshot. */
function holdings(snapshot: InspectionSnapshot): Record<Link, boolean> {
  const units = snapshot.bindings
    .map(b => deriveBinding(snapshot, b, DEFAULT_HEALTH_RULES_CONFIG))
    .filter(u => u.usesWorkloadIdentity);
  const any = (on: (u: (typeof units)[number]) => boolean) =>
    units.length > 0 && units.some(on);
  return {
    cluster: units.length > 0,
    webhook: units.length > 0,
    serviceaccount: units.length > 0,
    pod: any(u => Boolean(u.workload) || u.pods.length > 0),
    identity: any(u => Boolean(u.identity)),
    federation: any(
      u => (valueOf(u.binding.federatedCredentials) ?? []).length > 0,
    ),
    roleassignment: any(
      u => (valueOf(u.binding.roleAssignments) ?? []).length > 0,
    ),
    resource: any(u => u.binding.targets.length > 0),
    token: any(u => valueOf(u.binding.probe)?.status === 'succeeded'),
  };
}

describe.each(STAGED)('the links of %s', (_name, staged) => {
  const snapshot = staged();
  const outcome = runScenario(snapshot);
  const held = holdings(snapshot);

  it('are never ok with nothing on them', () => {
    const okButEmpty = CHAIN_LINKS.filter(
      link => !held[link] && outcome.links[link] === 'ok',
    );
    expect(okButEmpty).toEqual([]);
  });

  it('are no better than any finding on them, masked or not', () => {
    const better = outcome.findings
      .map(f => ({ finding: f.ruleId, link: f.link, says: f.state }))
      .filter(
        ({ link, says }) =>
          worstLinkState([outcome.links[link], says]) !== outcome.links[link],
      );
    expect(better).toEqual([]);
  });

  it('are never ok while a finding on them is an error', () => {
    const okWithError = outcome.findings
      .filter(f => f.severity === 'error' && outcome.links[f.link] === 'ok')
      .map(f => `${f.link}: ${f.ruleId}`);
    expect(okWithError).toEqual([]);
  });
});
