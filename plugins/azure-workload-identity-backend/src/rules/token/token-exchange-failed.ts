import { MAPPED_CODES, tokenRule } from './tokenRule';

/** Any AADSTS code no other token rule owns: shown raw, with where to look it up. */
export const tokenExchangeFailed = tokenRule({
  id: 'token-exchange-failed',
  severity: 'error',
  detects:
    'The exchange failed with an AADSTS code that no other token rule owns; the finding shows it as Entra ID gave it.',
  fix: "Look the code up on Entra ID's error page.",
  matches: probe => !MAPPED_CODES[probe.code],
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange for ${
      unit.identity?.name ?? unit.effClientId
    } with ${probe.code}, a failure this card has no specific check for.`,
    fix: {
      kind: 'action',
      text: `Look up https://login.microsoftonline.com/error?code=${probe.code.replace(
        /^AADSTS/,
        '',
      )}`,
      owner: 'component',
    },
  }),
});
