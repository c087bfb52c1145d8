import {
  claimsText,
  ficUpdateFix,
  identityLabel,
  tokenRule,
} from './tokenRule';

/** AADSTS700212: no FIC with the token's audience. */
export const tokenAudienceRejected = tokenRule({
  id: 'token-audience-rejected',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700212: no federated credential accepts the token's audience.",
  fix: 'Lists the federated credentials and updates the one meant for the workload to the audience of the token presented.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: no federated credential accepts the token's audience.${claimsText(
      probe,
    )}`,
    fix: ficUpdateFix(unit, {
      issuer: unit.C,
      subject: unit.S,
      audience: probe.claims?.aud?.[0] ?? unit.A,
    }),
  }),
});
