import { commandFix } from '../../inspection/rule';
import { matchFic } from '../federation/ficMatch';
import {
  claimsText,
  ficListCommand,
  identityLabel,
  tokenRule,
} from './tokenRule';

/**
 * AADSTS70021: no FIC matches. When ARM already shows an exact match the FIC is most likely
 * still propagating, which Microsoft documents for new credentials: pending, not broken.
 */
export const tokenNoMatchingFic = tokenRule({
  id: 'token-no-matching-fic',
  severity: ['error', 'info'],
  detects:
    "The exchange failed with AADSTS70021: no federated credential matches the token's issuer, subject and audience. Info (pending) when the credentials Azure lists include an exact match, which is then most likely still propagating.",
  fix: "Lists the identity's federated credentials to compare with the token presented; nothing to do while one is propagating.",
  body: (unit, probe) => {
    const propagating =
      unit.binding.federatedCredentials.status === 'ok' &&
      matchFic(unit).outcome === 'ok';
    return propagating
      ? {
          severity: 'info',
          state: 'pending',
          message: `Entra ID refused the token exchange for ${identityLabel(
            unit,
          )} (no matching federated credential), although ARM shows one that matches exactly: it is probably still propagating.`,
          fix: {
            kind: 'none',
            text: 'Wait a few minutes; the card refreshes.',
            owner: 'component',
          },
        }
      : {
          message: `Entra ID refused the token exchange for ${identityLabel(
            unit,
          )}: no federated credential matches the token's issuer, subject and audience.${claimsText(
            probe,
          )}`,
          fix: commandFix(ficListCommand(unit)),
        };
  },
});
