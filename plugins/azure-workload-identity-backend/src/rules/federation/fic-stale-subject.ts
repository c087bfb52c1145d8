import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { ficRef, identityName, parseSubject } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

/**
 * A FIC for a configured cluster whose subject names a namespace or service account that does
 * not exist there: whoever may create it obtains the identity.
 */
export const ficStaleSubject: BindingRule = {
  id: 'fic-stale-subject',
  link: 'federation',
  scope: 'binding',
  reads: ['A3', 'K8', 'K3'],
  masks: [],
  severity: 'warning',
  detects:
    'A federated credential for a configured cluster names a namespace or service account that no longer exists there: whoever may create it gets this identity.',
  fix: 'Deletes that federated credential.',
  evaluate({ unit }) {
    const findings = [];
    for (const fic of valueOf(unit.binding.federatedCredentials) ?? []) {
      const cluster = unit.snapshot.clusters.find(
        c =>
          valueOf(c.managedCluster)?.properties.oidcIssuerProfile?.issuerURL ===
          fic.properties.issuer,
      );
      const subject = parseSubject(fic.properties.subject);
      const namespaces = cluster && valueOf(cluster.namespaces);
      if (!cluster || !subject || !namespaces) continue;
      let missing: string | undefined;
      if (!namespaces.some(n => n.metadata.name === subject.ns)) {
        missing = `namespace ${subject.ns} not found`;
      } else {
        // Only a successful list of that namespace may conclude the account is gone.
        const accounts = valueOf(cluster.serviceAccounts[subject.ns]);
        if (accounts && !accounts.some(a => a.metadata.name === subject.sa)) {
          missing = `serviceaccount ${subject.sa} not found`;
        }
      }
      if (!missing) continue;
      findings.push(
        findingOf(ficStaleSubject, {
          severity: 'warning',
          state: 'degraded',
          message: `${identityName(unit)} still trusts ${
            fic.properties.subject
          } on ${
            cluster.name
          }, which no longer exists. Anyone allowed to create it there would get this identity.`,
          evidence: {
            expected: 'subject refers to an existing service account',
            actual: `${fic.properties.subject} on ${cluster.name}: ${missing}`,
          },
          fix: commandFix(
            `az identity federated-credential delete --name ${
              fic.name
            } --identity-name ${identityName(unit)} ${identityGroupArgs(
              unit,
            )} --yes`,
          ),
          ref: ficRef(unit, fic),
        }),
      );
    }
    return findings;
  },
};
