import { ok } from '../../inspection/__testUtils__/access';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';

describe('pod-sdk-too-old', () => {
  it('sdk-declared-old: the one finding, a heuristic', () => {
    const outcome = runScenario('sdk-declared-old');
    expect(outcome.visible).toEqual(['pod-sdk-too-old']);
    const finding = findingOfRule(outcome, 'pod-sdk-too-old');
    expect(finding.severity).toBe('info');
    expect(finding.evidence).toEqual({
      expected: '@azure/identity ≥ 3.2.0',
      actual: '3.1.0 (source: annotation)',
    });
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: 'npm install @azure/identity@^4',
      note: "Run it in the application's source, then build and deploy it. The card reads the version from the catalog annotation azure-workload-identity.backstage.io/sdk: update it there too.",
    });
  });

  it('says in words what to raise where the build file has no upgrade command (Java)', () => {
    const snapshot = scenarioSnapshot('sdk-declared-old');
    ok(snapshot.entity).annotations[
      'azure-workload-identity.backstage.io/sdk'
    ] = 'com.azure:azure-identity@1.8.2';
    expect(findingOfRule(runScenario(snapshot), 'pod-sdk-too-old').fix).toEqual(
      {
        kind: 'action',
        owner: 'component',
        text: 'Raise com.azure:azure-identity to 1.9.0 or later in the build file (Maven or Gradle), then build and deploy the application.',
      },
    );
  });

  it('does not run without declared metadata', () => {
    expect(runScenario('migration-proxy-sidecar').visible).not.toContain(
      'pod-sdk-too-old',
    );
  });
});
