import { binding } from '../../inspection/__testUtils__/access';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';

describe('pod-token-volume-missing', () => {
  it('token-volume-stripped: the one finding', () => {
    expect(runScenario('token-volume-stripped').visible).toEqual([
      'pod-token-volume-missing',
    ]);
  });

  it('names the container, the path it was told and the volumes it has', () => {
    const finding = findingOfRule(
      runScenario('token-volume-stripped'),
      'pod-token-volume-missing',
    );
    expect(finding.message).toBe(
      'Container app is told to read its token from /var/run/secrets/azure/wi/token/azure-identity-token, but no service account token volume is mounted in it.',
    );
    expect(finding.evidence.actual).toBe('no such mount (volumes: none)');
    // The manifest is where they were written: the fix is a change there, in words.
    expect(finding.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: 'Remove the hand-written AZURE_* variables and token volumes from the manifest of deployment/orders-api, keep only the label azure.workload.identity/use: "true", and deploy it: the webhook adds the variables and the token volume to the new pods.',
    });
  });

  it("is not satisfied by the API server's own token volume", () => {
    const snapshot = scenarioSnapshot('token-volume-stripped');
    const pods = binding(snapshot).pods;
    if (pods.status !== 'ok') throw new Error('fixture');
    for (const pod of pods.value) {
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []),
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            sources: [
              {
                serviceAccountToken: { expirationSeconds: 3607, path: 'token' },
              },
            ],
          },
        },
      ];
      for (const c of pod.spec.containers)
        c.volumeMounts = [
          ...(c.volumeMounts ?? []),
          {
            name: 'kube-api-access-x7k2p',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          },
        ];
    }
    expect(runScenario(snapshot).visible).toEqual(['pod-token-volume-missing']);
  });
});
