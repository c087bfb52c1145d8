import { commandFix } from '../../inspection/rule';
import { tokenRule } from './tokenRule';
import { clusterArgs } from '../azArgs';

/** AADSTS90061: Entra ID could not fetch the issuer's discovery document or keys. */
export const tokenIssuerUnreachable = tokenRule({
  id: 'token-issuer-unreachable',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS90061: Entra ID could not fetch the discovery document or keys of the cluster's issuer.",
  fix: 'Reconciles the cluster with `az aks update`; a support request if it persists. A platform task.',
  body: unit => ({
    message: `Entra ID refused the token exchange: it could not fetch the discovery document or keys of ${unit.C}.`,
    fix: commandFix(`az aks update ${clusterArgs(unit.cluster)}`, 'platform', {
      note: 'az aks update without other options reconciles the cluster. If Entra ID still cannot fetch the issuer afterwards, open an Azure support request.',
    }),
  }),
});
