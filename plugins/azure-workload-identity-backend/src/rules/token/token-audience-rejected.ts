import { commandFix } from '../../inspection/rule';
import { claimsText, identityLabel, tokenRule } from './tokenRule';
import { identityGroupArgs } from '../azArgs';

/** AADSTS700212: no FIC with the token's audience. */
export const tokenAudienceRejected = tokenRule({
  id: 'token-audience-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700212: no federated credential accepts the token's audience.",
  fix: 'Updates the federated credential to the audience of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential accepts the token's audience.${claimsText(
      probe,
    )}`,
    fix: commandFix(
      `az identity federated-credential update --name <fic> --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} --issuer ${unit.C} --subject ${
        unit.S
      } --audiences ${
        probe.claims?.aud?.[0] ?? unit.A
      } (FIC names: az identity federated-credential list --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} -o table)`,
    ),
  }),
});
