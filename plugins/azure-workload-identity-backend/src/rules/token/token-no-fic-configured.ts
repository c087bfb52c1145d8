import { commandFix } from '../../inspection/rule';
import { identityLabel, tokenRule } from './tokenRule';
import { identityGroupArgs } from '../azArgs';

/** AADSTS70025: the identity has no federated credential at all. */
export const tokenNoFicConfigured = tokenRule({
  id: 'token-no-fic-configured',
  severity: 'error',
  detects:
    "The token probe's exchange at Entra ID failed with AADSTS70025: the identity has no federated credential at all.",
  fix: 'Creates a federated credential for the issuer, subject and audience of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: it has no federated credential at all. The token presented sub=${
      probe.claims?.sub ?? unit.S
    }.`,
    fix: commandFix(
      `az identity federated-credential create --name ${unit.ns}-${
        unit.sa
      } --identity-name ${identityLabel(unit)} ${identityGroupArgs(
        unit,
      )} --issuer ${probe.claims?.iss ?? unit.C} --subject ${
        probe.claims?.sub ?? unit.S
      } --audiences ${probe.claims?.aud?.[0] ?? unit.A}`,
    ),
  }),
});
