import { commandFix } from '../../inspection/rule';
import { claimsText, identityLabel, tokenRule } from './tokenRule';
import { identityGroupArgs } from '../azArgs';

/** AADSTS7002138: the subject matches a FIC only ignoring case. */
export const tokenSubjectCaseRejected = tokenRule({
  id: 'token-subject-case-rejected',
  severity: 'error',
  detects:
    'The exchange failed with AADSTS7002138: a federated credential names the subject in other upper and lower case, and subjects are compared case-sensitively.',
  fix: 'Updates the federated credential to the subject in its exact case.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: a federated credential names the subject with different upper/lower case, and subjects are compared case-sensitively.${claimsText(
      probe,
    )}`,
    fix: commandFix(
      `az identity federated-credential update --name <fic> --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} --issuer ${unit.C} --subject ${
        probe.claims?.sub ?? unit.S
      } --audiences ${
        unit.A
      } (exact case; FIC names: az identity federated-credential list --identity-name ${identityLabel(
        unit,
      )} ${identityGroupArgs(unit)} -o table)`,
    ),
  }),
});
