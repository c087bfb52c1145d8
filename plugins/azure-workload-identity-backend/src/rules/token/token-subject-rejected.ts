import {
  claimsText,
  ficUpdateFix,
  identityLabel,
  tokenRule,
} from './tokenRule';

/** AADSTS700213: no FIC with the token's subject. */
export const tokenSubjectRejected = tokenRule({
  id: 'token-subject-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700213: no federated credential names the token's subject.",
  fix: 'Lists the federated credentials and updates the one meant for the workload to the subject of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential names the token's subject.${claimsText(probe)}`,
    fix: ficUpdateFix(unit, {
      issuer: unit.C,
      subject: probe.claims?.sub ?? unit.S,
      audience: unit.A,
    }),
  }),
});
