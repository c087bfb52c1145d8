import { commandFix } from '../../inspection/rule';
import { claimsText, identityLabel, tokenRule } from './tokenRule';
import { identityGroupArgs } from '../azArgs';

/** AADSTS700211: no FIC with the token's issuer. */
export const tokenIssuerRejected = tokenRule({
  id: 'token-issuer-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700211: no federated credential trusts the token's issuer.",
  fix: 'Updates the federated credential to the issuer of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential trusts the token's issuer.${claimsText(probe)}`,
    fix: commandFix(
      `az identity federated-credential update --name <fic> --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} --issuer ${
        probe.claims?.iss ?? unit.C
      } --subject ${unit.S} --audiences ${
        unit.A
      } (FIC names: az identity federated-credential list --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} -o table)`,
    ),
  }),
});
