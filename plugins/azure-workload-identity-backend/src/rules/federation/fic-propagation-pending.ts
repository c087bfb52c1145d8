import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf } from '../../inspection/rule';
import { ficRef, matchFic } from './ficMatch';

/**
 * The matching FIC was written by a request step moments ago and the probe has not succeeded
 * yet: Entra ID takes a while to honour new FICs. FIC resources carry no creation time the
 * plugin relies on, so the request record's step time is the clock.
 */
export const ficPropagationPending: BindingRule = {
  id: 'fic-propagation-pending',
  link: 'federation',
  scope: 'binding',
  reads: ['O3', 'A3', 'O2'],
  masks: [
    'token-no-matching-fic',
    'token-issuer-rejected',
    'token-subject-rejected',
    'token-no-fic-configured',
  ],
  severity: 'info',
  detects:
    'The matching federated credential was written by the request moments ago (within `healthRules.ficPropagationMinutes`, default 5) and the token exchange has not succeeded yet; Entra ID takes a few minutes to honour a new credential.',
  fix: 'Nothing to do: the card refreshes once the time has passed.',
  evaluate({ unit, config, now }) {
    const { outcome, fic } = matchFic(unit);
    const step = unit.request?.federatedCredential;
    if (outcome !== 'ok' || !fic || !step?.appliedAt || step.name !== fic.name)
      return [];
    const probe = valueOf(unit.binding.probe);
    if (probe?.status === 'succeeded') return [];
    const ageSeconds = Math.round(
      (now.getTime() - Date.parse(step.appliedAt)) / 1000,
    );
    const windowSeconds = config.ficPropagationMinutes * 60;
    if (ageSeconds < 0 || ageSeconds >= windowSeconds) return [];
    const refreshAt = new Date(
      Date.parse(step.appliedAt) + windowSeconds * 1000,
    ).toISOString();
    const probeText = probe?.status === 'failed' ? probe.code : 'not yet run';
    return [
      findingOf(ficPropagationPending, {
        severity: 'info',
        state: 'pending',
        message: `Federated credential ${fic.name} was created ${ageSeconds} seconds ago; Entra ID can take a few minutes to honour it. Token exchange may fail until then.`,
        evidence: {
          expected: 'FIC honoured by Entra ID',
          actual: `created ${ageSeconds} s ago; probe: ${probeText}`,
        },
        fix: {
          kind: 'none',
          text: `None; the card refreshes after ${refreshAt}.`,
          owner: 'component',
        },
        ref: ficRef(unit, fic),
      }),
    ];
  },
};
