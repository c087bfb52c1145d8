import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { knownIdentities, sameGuid } from './inventory';

/** The annotation holds the identity's object (principal) id instead of its client id. */
export const saClientIdIsPrincipalId: BindingRule = {
  id: 'sa-client-id-is-principal-id',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K3', 'A2', 'O3'],
  masks: [
    'request-drift',
    'sa-client-id-not-granted',
    'sa-client-id-unknown',
    'token-client-not-found',
  ],
  severity: 'error',
  detects:
    "The client-id annotation holds the identity's principal (object) id instead of its client id; the SDK needs the client id.",
  fix: "Overwrites the annotation with the identity's client id and restarts the workload.",
  evaluate({ unit }) {
    const value = unit.saClientId;
    if (!value) return [];
    const recorded = unit.request?.identity;
    const owner =
      knownIdentities(unit).find(i =>
        sameGuid(i.properties.principalId, value),
      ) ??
      (recorded && sameGuid(recorded.principalId, value)
        ? { name: recorded.name, properties: { clientId: recorded.clientId } }
        : undefined);
    if (!owner) return [];
    const clientId = owner.properties.clientId ?? '<client id>';
    return [
      findingOf(saClientIdIsPrincipalId, {
        severity: 'error',
        state: 'broken',
        message: `The annotation holds ${value}, the principal (object) id of ${owner.name}. The SDK needs its client id, ${clientId}.`,
        evidence: {
          expected: `client id ${clientId}`,
          actual: `${value} = principal id of ${owner.name}`,
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${clientId} --overwrite && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};
