import { tokenRule } from './tokenRule';

/** AADSTS700024: a freshly minted token outside its validity window means clock skew. */
export const tokenAssertionExpired = tokenRule({
  id: 'token-assertion-expired',
  severity: 'error',
  detects:
    "The exchange failed with AADSTS700024: the service account token, minted just now, is outside its validity window as Entra ID sees it, so the cluster's clock is off.",
  fix: "Check the time source of the cluster's API server and nodes against the times in the evidence. A platform task.",
  body: (unit, probe) => ({
    message: `Entra ID refused the token exchange: the Kubernetes token of ${
      unit.cluster.name
    } is outside its validity window as Entra ID sees it. The token was minted just now, so the API server's clock is off (${probe.description
      .replace(/\s+/g, ' ')
      .slice(0, 200)}).`,
    fix: {
      kind: 'action',
      text: `Check the time source of ${unit.cluster.name}'s API server and nodes; compare "Current time", "valid from" and "expiry" in the evidence.`,
      owner: 'platform',
    },
  }),
});
