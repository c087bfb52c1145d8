import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { identityName, matchFic } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

/** Step 9 of `matchFic`: no FIC of the identity is an exact or near match for (`C`, `S`). */
export const ficMissing: BindingRule = {
  id: 'fic-missing',
  link: 'federation',
  scope: 'binding',
  reads: ['A1', 'A3', 'K3'],
  masks: [
    'request-drift',
    'token-no-fic-configured',
    'token-no-matching-fic',
    'token-subject-rejected',
  ],
  severity: 'error',
  detects:
    "No federated credential of the identity matches the cluster's issuer and the workload's subject (`system:serviceaccount:<namespace>:<service account>`), not even nearly, so Entra ID trusts no token of these pods.",
  fix: "Creates a federated credential with the cluster's issuer, the workload's subject and the token exchange audience.",
  evaluate({ unit }) {
    // Without a resolved identity there is nothing that could trust S (identity rules speak).
    if (!unit.identity || matchFic(unit).outcome !== 'fic-missing') return [];
    const fics = valueOf(unit.binding.federatedCredentials) ?? [];
    const identity = identityName(unit);
    return [
      findingOf(ficMissing, {
        severity: 'error',
        state: 'broken',
        message: `Identity ${identity} does not trust ${unit.S} from ${unit.cluster.name}: no federated credential matches.`,
        evidence: {
          expected: `FIC issuer=${unit.C} subject=${unit.S} audiences=[${unit.A}]`,
          actual: fics.length
            ? `${fics.length} FICs: ${fics
                .map(f => `${f.properties.subject} @ ${f.properties.issuer}`)
                .join(', ')}`
            : 'none',
        },
        fix: commandFix(
          `az identity federated-credential create --name ${unit.ns}-${
            unit.sa
          } --identity-name ${identity} ${identityGroupArgs(unit)} --issuer ${
            unit.C
          } --subject ${unit.S} --audiences ${unit.A}`,
        ),
        ref: refs.azure(
          unit.identity?.id ?? unit.request?.identity.resourceId ?? identity,
          'UserAssignedIdentity',
        ),
      }),
    ];
  },
};
