import { commandFix } from '../../inspection/rule';
import { claimsText, identityLabel, tokenRule } from './tokenRule';
import { identityGroupArgs } from '../azArgs';

/** AADSTS700213: no FIC with the token's subject. */
export const tokenSubjectRejected = tokenRule({
  id: 'token-subject-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700213: no federated credential names the token's subject.",
  fix: 'Updates the federated credential to the subject of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential names the token's subject.${claimsText(probe)}`,
    fix: commandFix(
      `az identity federated-credential update --name <fic> --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} --issuer ${unit.C} --subject ${
        probe.claims?.sub ?? unit.S
      } --audiences ${
        unit.A
      } (FIC names: az identity federated-credential list --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} -o table)`,
    ),
  }),
});
