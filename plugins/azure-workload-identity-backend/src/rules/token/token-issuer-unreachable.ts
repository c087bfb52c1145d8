import { commandFix } from '../../inspection/rule';
import { tokenRule } from './tokenRule';

/** AADSTS90061: Entra ID could not fetch the issuer's discovery document or keys. */
export const tokenIssuerUnreachable = tokenRule({
  id: 'token-issuer-unreachable',
  body: unit => ({
    message: `Entra ID refused the token exchange: it could not fetch the discovery document or keys of ${unit.C}.`,
    fix: commandFix(
      `az aks update -g ${unit.cluster.resourceGroup} -n ${unit.cluster.name} (reconcile; open an Azure support request if it persists)`,
      'platform',
    ),
  }),
});
