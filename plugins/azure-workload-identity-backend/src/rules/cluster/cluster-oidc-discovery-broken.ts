import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { clusterArgs } from '../azArgs';

/** Entra ID fetches the discovery document and JWKS for every token; they must be usable. */
export const clusterOidcDiscoveryBroken: BindingRule = {
  id: 'cluster-oidc-discovery-broken',
  link: 'cluster',
  scope: 'binding',
  reads: ['A1', 'O1'],
  masks: ['token-issuer-unreachable', 'token-exchange-failed'],
  severity: 'error',
  detects:
    "The cluster issuer's discovery document or key set cannot be used: it does not answer 200, is not JSON, names another issuer, or offers no RS256 key. Entra ID fetches them for every token, so every token exchange from the cluster fails.",
  fix: 'Shows how to fetch both documents to see what the issuer serves, and reconciles the cluster with `az aks update`; a support request if it persists. A platform task.',
  evaluate({ unit }) {
    const C = unit.C;
    const result = valueOf(unit.cluster.discovery);
    if (!C || !result) return [];
    let actual: string | undefined;
    let reason = '';
    if (result.httpStatus !== 200) {
      actual = `${result.httpStatus}`;
      reason = `the discovery document answers ${result.httpStatus}`;
    } else if (!result.document) {
      actual = 'not JSON';
      reason = 'the discovery document is not JSON';
    } else if (result.document.issuer !== C) {
      actual = `issuer=${result.document.issuer}`;
      reason = 'its issuer differs from the cluster issuer';
    } else if (!result.jwks || result.jwks.httpStatus !== 200) {
      actual = `jwks ${result.jwks?.httpStatus ?? 'not read'}`;
      reason = 'the JWKS cannot be fetched';
    } else if (
      !result.jwks.keys?.some(
        k => k.kty === 'RSA' && (k.alg ?? 'RS256') === 'RS256',
      )
    ) {
      actual = `keys=${JSON.stringify(result.jwks.keys ?? [])}`;
      reason = 'the JWKS has no RS256 key';
    }
    if (!actual) return [];
    const base = C.endsWith('/') ? C : `${C}/`;
    const { name } = unit.cluster;
    return [
      findingOf(clusterOidcDiscoveryBroken, {
        severity: 'error',
        state: 'broken',
        message: `The OIDC discovery document of ${name} is not usable (${reason}). Entra ID fetches it to check every token, so all token exchanges from this cluster fail (AADSTS90061).`,
        evidence: {
          expected: `discovery issuer = ${C}, JWKS with ≥1 RS256 key`,
          actual,
        },
        fix: commandFix(
          [
            `curl -s ${base}.well-known/openid-configuration`,
            `curl -s ${base}openid/v1/jwks`,
            `az aks update ${clusterArgs(unit.cluster)}`,
          ].join('\n'),
          'platform',
          {
            note: `The two curl commands show what the issuer serves: the discovery document must name ${C} as its issuer, and the key set must hold an RS256 key. az aks update without other options reconciles the cluster. If the documents stay broken, open an Azure support request.`,
          },
        ),
        ref: refs.cluster(unit),
      }),
    ];
  },
};
