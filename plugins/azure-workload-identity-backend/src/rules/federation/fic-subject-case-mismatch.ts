import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand } from './ficMatch';

/** Step 6 of `matchFic`: subjects equal ignoring case only; Entra ID compares them case-sensitively. */
export const ficSubjectCaseMismatch = ficMatchRule({
  id: 'fic-subject-case-mismatch',
  reads: ['A1', 'A3', 'K3'],
  masks: [
    'request-drift',
    'token-subject-case-rejected',
    'token-subject-rejected',
    { ruleId: 'fic-stale-subject', sameObject: true },
  ],
  severity: 'error',
  detects:
    "The federated credential's subject equals the workload's only when case is ignored; Entra ID compares subjects case-sensitively.",
  fix: 'Updates the credential to the subject in its exact case.',
  body: (unit, fic) => ({
    severity: 'error',
    state: 'broken',
    message: `Federated credential ${fic.name} names ${fic.properties.subject}; the pod's token says ${unit.S}. Entra ID now compares subjects case-sensitively (AADSTS7002138).`,
    evidence: {
      expected: `subject=${unit.S}`,
      actual: `subject=${fic.properties.subject}`,
    },
    fix: commandFix(ficUpdateCommand(unit, fic.name)),
  }),
});
