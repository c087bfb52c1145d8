import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import {
  GUID,
  inventoryComplete,
  knownIdentities,
  rawClientIdAnnotation,
  sameGuid,
} from './inventory';

/**
 * The annotation matches no managed identity. Only concluded on a complete inventory; with a
 * partial one the rule stays silent and the token probe decides.
 */
export const saClientIdUnknown: BindingRule = {
  id: 'sa-client-id-unknown',
  link: 'serviceaccount',
  scope: 'binding',
  reads: ['K3', 'A2', 'O3'],
  masks: [
    'request-drift',
    'sa-client-id-not-granted',
    'token-client-not-found',
  ],
  severity: ['error', 'info'],
  detects:
    'The client-id annotation is not a GUID (stray spaces or quotes), or matches no managed identity in the subscriptions Backstage lists. Only concluded when every subscription could be listed; info instead of error with `healthRules.allowUnknownClientIds`, for identities kept elsewhere.',
  fix: "Overwrites the annotation with the intended identity's client id and restarts the workload.",
  evaluate({ unit, config }) {
    const raw = rawClientIdAnnotation(unit);
    const value = unit.saClientId;
    if (raw === undefined || !value || !inventoryComplete(unit)) return [];
    const subscriptions = unit.snapshot.identityInventory.length;
    const isGuid = GUID.test(value) && raw === value;
    const known = knownIdentities(unit).some(
      i =>
        sameGuid(i.properties.clientId, value) ||
        sameGuid(i.properties.principalId, value),
    );
    if (isGuid && known) return [];
    // Surrounding whitespace or quotes are what to point at, so the evidence shows them.
    const actual = isGuid
      ? `${value} (no match in ${subscriptions} subscriptions)`
      : `${JSON.stringify(raw)} (not a GUID)`;
    const intended =
      unit.request?.identity.clientId ?? '<client id of the intended identity>';
    return [
      findingOf(saClientIdUnknown, {
        severity: config.allowUnknownClientIds ? 'info' : 'error',
        state: 'broken',
        message: isGuid
          ? `The annotation points to client id ${value}, which matches no managed identity in the ${subscriptions} subscriptions Backstage can see.`
          : `The annotation holds ${JSON.stringify(
              raw,
            )}, which is not a client id (a GUID).`,
        evidence: { expected: 'client id of a managed identity', actual },
        fix: commandFix(
          `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=${intended} --overwrite && kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
          'component',
          unit.request?.identity.clientId
            ? undefined
            : {
                note: 'No request of this portal names the identity: replace <client id of the intended identity> with the client id of the identity the workload should use, which az identity show -n <name> -g <group> --query clientId -o tsv prints.',
              },
        ),
        ref: refs.serviceAccount(unit),
      }),
    ];
  },
};
