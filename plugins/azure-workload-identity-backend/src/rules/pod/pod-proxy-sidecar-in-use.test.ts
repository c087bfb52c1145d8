import { pods, workload } from '../../inspection/__testUtils__/access';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';

const UPGRADE_FIRST =
  "First upgrade the application's Azure Identity library to a version with workload identity (for @azure/identity, 3.2.0 or later): without the proxy, an older library gets no token.";

describe('pod-proxy-sidecar-in-use', () => {
  it('migration-proxy-sidecar: the one finding, degraded', () => {
    const outcome = runScenario('migration-proxy-sidecar');
    expect(outcome.visible).toEqual(['pod-proxy-sidecar-in-use']);
    expect(outcome.links.pod).toBe('degraded');
  });

  it('names the annotation and removes it after the library upgrade', () => {
    const finding = findingOfRule(
      runScenario('migration-proxy-sidecar'),
      'pod-proxy-sidecar-in-use',
    );
    expect(finding.evidence.actual).toBe(
      'annotation inject-proxy-sidecar="true"',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `kubectl -n orders patch deployment orders-api --type json -p '[{"op":"remove","path":"/spec/template/metadata/annotations/azure.workload.identity~1inject-proxy-sidecar"}]'`,
      note: UPGRADE_FIRST,
    });
  });

  it('says to take a proxy container written by hand out of the manifest: there is no annotation to remove', () => {
    const snapshot = scenarioSnapshot('migration-proxy-sidecar');
    delete workload(snapshot).template.metadata.annotations;
    for (const pod of pods(snapshot)) delete pod.metadata.annotations;
    const finding = findingOfRule(
      runScenario(snapshot),
      'pod-proxy-sidecar-in-use',
    );
    expect(finding.evidence.actual).toBe('container azwi-proxy');
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: 'Remove container azwi-proxy from the manifest of deployment/orders-api and deploy it.',
      note: UPGRADE_FIRST,
    });
  });
});
