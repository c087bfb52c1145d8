import { valueOf } from '../../inspection/reads';
import { commandFix } from '../../inspection/rule';
import { ficMatchRule, ficUpdateCommand, identityName } from './ficMatch';
import { identityGroupArgs, issuerPlaceholderNote } from '../azArgs';

/** Step 5 of `matchFic`: subject right, issuer neither `C`, a slash variant, nor a previous issuer. */
export const ficIssuerMismatch = ficMatchRule({
  id: 'fic-issuer-mismatch',
  reads: ['A1', 'A3'],
  masks: [
    'request-drift',
    'token-issuer-rejected',
    { ruleId: 'fic-unknown-issuer', sameObject: true },
  ],
  severity: 'error',
  detects:
    "The federated credential names the right subject but trusts another issuer: another cluster's, or one nobody knows. Pods on this cluster present tokens from its own issuer.",
  fix: "Creates a second credential for this cluster's issuer, since replacing the issuer would break the other cluster; for an unknown issuer, its note offers updating the credential instead.",
  body: (unit, fic) => {
    const issuer = fic.properties.issuer;
    const owner = unit.snapshot.clusters.find(
      c =>
        valueOf(c.managedCluster)?.properties.oidcIssuerProfile?.issuerURL ===
        issuer,
    );
    const whose = owner
      ? `the issuer of cluster ${owner.name}`
      : 'unknown issuer';
    const create = `az identity federated-credential create --name ${unit.ns}-${
      unit.sa
    }-${unit.cluster.name} --identity-name ${identityName(
      unit,
    )} ${identityGroupArgs(unit)} --issuer ${unit.C ?? '<issuer>'} --subject ${
      unit.S
    } --audiences ${unit.A}`;
    return {
      severity: 'error',
      state: 'broken',
      message: `Federated credential ${fic.name} trusts ${issuer}${
        owner ? `, the issuer of cluster ${owner.name},` : ''
      }; pods on ${unit.cluster.name} present tokens from ${
        unit.C ?? 'no OIDC issuer'
      }.`,
      evidence: {
        expected: `issuer=${unit.C ?? '<cluster issuer>'}`,
        actual: `issuer=${issuer} (${whose})`,
      },
      // To serve both clusters a second FIC is right; replacing the issuer would break the other.
      fix: commandFix(create, 'component', {
        note: [
          issuerPlaceholderNote(unit),
          owner
            ? `A second credential, so that ${fic.name} keeps serving cluster ${owner.name}.`
            : `No configured cluster has the issuer ${
                fic.name
              } trusts. If nothing uses that issuer any more, update ${
                fic.name
              } instead of adding a credential: ${ficUpdateCommand(
                unit,
                fic.name,
              )}`,
        ]
          .filter(Boolean)
          .join(' '),
      }),
    };
  },
});
