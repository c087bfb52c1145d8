import { valueOf } from '../../inspection/reads';
import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand } from './ficMatch';

/** Step 4 of `matchFic`: the FIC trusts an issuer this cluster had before it was rebuilt or re-enabled. */
export const ficIssuerStale = ficMatchRule({
  id: 'fic-issuer-stale',
  reads: ['A1', 'A3', 'O3', 'O5'],
  masks: [
    'token-issuer-rejected',
    { ruleId: 'fic-unknown-issuer', sameObject: true },
  ],
  severity: 'error',
  detects:
    'The federated credential trusts an issuer this cluster had before it was rebuilt or had its issuer turned on again (known from the issuer history or a request record), so tokens from its current issuer are refused.',
  fix: "Updates the credential to the cluster's current issuer.",
  body: (unit, fic) => {
    const seen = (valueOf(unit.snapshot.issuerHistory) ?? []).find(
      h =>
        h.cluster === unit.cluster.name && h.issuer === fic.properties.issuer,
    );
    // The history may come from configuration without dates ("the issuer before a rebuild").
    const until = seen
      ? seen.lastSeen || 'it was rebuilt'
      : 'recorded in a request';
    return {
      severity: 'error',
      state: 'broken',
      message: `Federated credential ${fic.name} still trusts the issuer ${
        unit.cluster.name
      } had before ${
        seen?.lastSeen || 'it was rebuilt'
      } (rebuilt or re-enabled since). Tokens now come from ${unit.C}.`,
      evidence: {
        expected: `issuer=${unit.C} (current)`,
        actual: `issuer=${fic.properties.issuer} (this cluster's issuer until ${until})`,
      },
      fix: commandFix(ficUpdateCommand(unit, fic.name)),
    };
  },
});
