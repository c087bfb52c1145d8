import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { GUID } from './inventory';

/**
 * The service account names a client id no request of the portal grants to its namespace: an
 * attachment made around the portal. Only where guardrails are on, where the portal is the
 * authority on who may use which identity; a value that is no client id at all is
 * `sa-client-id-unknown`'s.
 */
export const saClientIdNotGranted: BindingRule = {
  id: 'sa-client-id-not-granted',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K3', 'K12'],
  masks: [],
  severity: ['error', 'warning'],
  detects:
    "The service account's client-id annotation names an identity that no request of the portal grants to the namespace: someone attached it around the portal, so nobody approved who may use that identity there. Only on clusters with guardrails on; an error in deny mode, where the cluster refuses any update of the service account that keeps it, a warning in audit mode.",
  fix: 'Requests the identity for the service account through the portal, so an approver decides and the grant is recorded, or takes the annotation off.',
  evaluate({ unit }) {
    const guardrails = unit.cluster.guardrails;
    const facts = valueOf(guardrails?.installed);
    const clientId = unit.saClientId;
    if (!guardrails || guardrails.mode === 'off' || !facts) return [];
    if (!clientId || !GUID.test(clientId)) return [];
    const granted = facts.granted[unit.ns] ?? [];
    if (granted.includes(clientId.toLowerCase())) return [];
    const deny = guardrails.mode === 'deny';
    return [
      findingOf(saClientIdNotGranted, {
        severity: deny ? 'error' : 'warning',
        state: 'degraded',
        message: `Service account ${unit.ns}/${
          unit.sa
        } names client id ${clientId}, which no request of the portal grants to namespace ${
          unit.ns
        }: it was attached around the portal. The guardrails of ${
          unit.cluster.name
        } ${
          deny
            ? 'refuse any update of the service account while it keeps the annotation'
            : 'let updates of the service account through with a warning and an audit record'
        }.`,
        evidence: {
          // Counted, not listed: the grants are for those who may approve, the card for anyone.
          expected: `a client id granted to ${unit.ns} (${
            granted.length === 0
              ? 'none is'
              : `${granted.length} ${granted.length === 1 ? 'is' : 'are'}`
          })`,
          actual: clientId,
        },
        fix: {
          kind: 'action',
          owner: 'component',
          text: `Request Azure access for service account ${unit.ns}/${unit.sa} from this card with the identity it should use, so an approver decides and the portal records the grant; or take the annotation off: kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id- && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
        },
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};
