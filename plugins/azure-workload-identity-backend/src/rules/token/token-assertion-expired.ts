import { tokenRule } from './tokenRule';

/** AADSTS700024: a freshly minted token outside its validity window means clock skew. */
export const tokenAssertionExpired = tokenRule({
  id: 'token-assertion-expired',
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
