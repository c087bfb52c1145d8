import { valueOf } from '../../inspection/reads';
import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand, parseSubject } from './ficMatch';

/** Step 7 of `matchFic`: the service account is right, the namespace is not. */
export const ficSubjectNamespaceMismatch = ficMatchRule({
  id: 'fic-subject-namespace-mismatch',
  reads: ['A1', 'A3', 'K3', 'K8'],
  masks: [
    'request-drift',
    'token-subject-rejected',
    { ruleId: 'fic-stale-subject', sameObject: true },
  ],
  severity: 'error',
  detects:
    'The federated credential names the right service account in another namespace (which may not even exist on the cluster).',
  fix: "Updates the credential to the workload's namespace.",
  body: (unit, fic) => {
    const other = parseSubject(fic.properties.subject)!.ns;
    const exists = (valueOf(unit.cluster.namespaces) ?? []).some(
      n => n.metadata.name === other,
    );
    return {
      severity: 'error',
      state: 'broken',
      message: `Federated credential ${
        fic.name
      } trusts namespace ${other}, but the workload runs in ${unit.ns}${
        exists ? '' : `; ${other} does not exist on ${unit.cluster.name}`
      }.`,
      evidence: { expected: unit.S, actual: fic.properties.subject },
      fix: commandFix(ficUpdateCommand(unit, fic.name)),
    };
  },
});
