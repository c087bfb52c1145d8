import {
  claimsText,
  ficUpdateFix,
  identityLabel,
  tokenRule,
} from './tokenRule';

/** AADSTS700211: no FIC with the token's issuer. */
export const tokenIssuerRejected = tokenRule({
  id: 'token-issuer-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700211: no federated credential trusts the token's issuer.",
  fix: 'Lists the federated credentials and updates the one meant for the workload to the issuer of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential trusts the token's issuer.${claimsText(probe)}`,
    fix: ficUpdateFix(unit, {
      issuer: probe.claims?.iss ?? unit.C,
      subject: unit.S,
      audience: unit.A,
    }),
  }),
});
