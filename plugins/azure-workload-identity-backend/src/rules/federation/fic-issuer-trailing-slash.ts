import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand } from './ficMatch';

const visible = (issuer: string) => issuer.replace(/ /g, '␠');

/** Step 3 of `matchFic`: the issuer differs from `C` only by a trailing slash or surrounding whitespace. */
export const ficIssuerTrailingSlash = ficMatchRule({
  id: 'fic-issuer-trailing-slash',
  reads: ['A1', 'A3'],
  masks: [
    'request-drift',
    'token-issuer-rejected',
    'token-no-matching-fic',
    { ruleId: 'fic-unknown-issuer', sameObject: true },
  ],
  severity: 'error',
  detects:
    "The federated credential's issuer differs from the cluster's only by a trailing slash or surrounding spaces; Entra ID compares issuers exactly.",
  fix: "Updates the credential to the cluster's exact issuer.",
  body: (unit, fic) => ({
    severity: 'error',
    state: 'broken',
    message: `Federated credential ${fic.name} trusts ${fic.properties.issuer}, but the cluster's tokens say ${unit.C}. They differ only by the trailing slash, and Entra ID compares them exactly.`,
    evidence: {
      expected: `issuer=${unit.C}`,
      actual: `issuer=${visible(fic.properties.issuer)}`,
    },
    fix: commandFix(ficUpdateCommand(unit, fic.name)),
  }),
});
