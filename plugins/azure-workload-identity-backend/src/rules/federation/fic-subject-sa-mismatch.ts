import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand, parseSubject } from './ficMatch';

/** Step 8 of `matchFic`: the namespace is right, the service account is not. */
export const ficSubjectSaMismatch = ficMatchRule({
  id: 'fic-subject-sa-mismatch',
  reads: ['A1', 'A3', 'K3'],
  masks: [
    'request-drift',
    'token-subject-rejected',
    { ruleId: 'fic-stale-subject', sameObject: true },
  ],
  severity: 'error',
  detects:
    "The federated credential names the workload's namespace but another service account.",
  fix: 'Updates the credential to the service account the pods run as; the note says how to point the workload at the account the credential names instead, if that one is intended.',
  body: (unit, fic) => {
    const other = parseSubject(fic.properties.subject)!.sa;
    return {
      severity: 'error',
      state: 'broken',
      message: `Federated credential ${fic.name} trusts service account ${other}, but pods run as ${unit.sa}.`,
      evidence: { expected: unit.S, actual: fic.properties.subject },
      fix: commandFix(ficUpdateCommand(unit, fic.name), 'component', {
        note: `If ${other} is the account the workload should run as, point the workload at it instead: kubectl -n ${unit.ns} set serviceaccount ${unit.workloadRef} ${other}`,
      }),
    };
  },
});
