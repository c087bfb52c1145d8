import {
  claimsText,
  ficUpdateFix,
  identityLabel,
  tokenRule,
} from './tokenRule';

/** AADSTS7002138: the subject matches a FIC only ignoring case. */
export const tokenSubjectCaseRejected = tokenRule({
  id: 'token-subject-case-rejected',
  severity: 'error',
  detects:
    'The exchange failed with AADSTS7002138: a federated credential names the subject in other upper and lower case, and subjects are compared case-sensitively.',
  fix: 'Lists the federated credentials and updates the one meant for the workload to the subject in its exact case.',
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${identityLabel(
      unit,
    )}: a federated credential names the subject with different upper/lower case, and subjects are compared case-sensitively.${claimsText(
      probe,
    )}`,
    fix: ficUpdateFix(unit, {
      issuer: unit.C,
      subject: probe.claims?.sub ?? unit.S,
      audience: unit.A,
      note: 'Entra ID compares subjects case-sensitively: keep the subject exactly as written here.',
    }),
  }),
});
