import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf, refs } from '../../inspection/rule';

/** The probe did not run for the binding, so nothing vouches for the token link. */
export const tokenProbeNotRun: BindingRule = {
  id: 'token-probe-not-run',
  link: 'token',
  scope: 'binding',
  reads: ['K9', 'O2'],
  masks: [],
  severity: 'info',
  detects:
    'The token exchange was not tested for the binding: the probe is off or not configured, the cluster has no issuer, the workload names no client id, or its service account is missing. Nothing vouches for the token link then.',
  fix: 'Nothing to do while the probe is on and the reason passes; otherwise turn the probe on for the cluster and allow creating service account tokens in the namespace, a platform task.',
  evaluate({ unit }) {
    const outcome = valueOf(unit.binding.probe);
    if (outcome?.status !== 'not-run') return [];
    return [
      findingOf(tokenProbeNotRun, {
        severity: 'info',
        state: 'unknown',
        message: `The token exchange was not tested (${outcome.reason}); the token link is unknown.`,
        evidence: {
          expected: 'a probe result younger than 15 minutes',
          actual: `not run: ${outcome.reason}`,
        },
        fix: unit.cluster.probeEnabled
          ? {
              kind: 'none',
              text: 'Nothing to do; the probe runs once the reason above is gone.',
              owner: 'component',
            }
          : {
              kind: 'action',
              text: `Enable the probe for ${unit.cluster.name} (probe.enabled) and grant create on serviceaccounts/token in ${unit.ns}.`,
              owner: 'platform',
            },
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};
