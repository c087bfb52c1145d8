import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { clusterArgs } from '../azArgs';

// Everything that compares against the issuer is meaningless without one.
const FIC_RULES = [
  'fic-missing',
  'fic-issuer-trailing-slash',
  'fic-issuer-stale',
  'fic-issuer-mismatch',
  'fic-subject-case-mismatch',
  'fic-subject-namespace-mismatch',
  'fic-subject-sa-mismatch',
  'fic-audience-mismatch',
  'fic-propagation-pending',
];
const TOKEN_RULES = [
  'token-probe-not-run',
  'token-no-fic-configured',
  'token-no-matching-fic',
  'token-issuer-rejected',
  'token-audience-rejected',
  'token-subject-rejected',
  'token-subject-case-rejected',
  'token-assertion-expired',
  'token-client-not-found',
  'token-tenant-not-found',
  'token-issuer-unreachable',
  'token-exchange-failed',
];

/** The cluster has no OIDC issuer, so Entra ID cannot verify its tokens. */
export const clusterOidcIssuerDisabled: BindingRule = {
  id: 'cluster-oidc-issuer-disabled',
  link: 'cluster',
  scope: 'binding',
  reads: ['A1'],
  masks: ['cluster-oidc-discovery-broken', ...FIC_RULES, ...TOKEN_RULES],
  severity: 'error',
  detects:
    'The AKS cluster has no OIDC issuer, so Microsoft Entra ID cannot verify its service account tokens and nothing further down the chain can work.',
  fix: 'Turns the OIDC issuer on for the cluster and reads back the issuer URL to use in every federated credential. A platform task: it restarts the API server, changes the token issuer and cannot be turned off again.',
  evaluate({ unit }) {
    const profile = unit.managedCluster?.properties.oidcIssuerProfile;
    if (profile?.enabled === true && profile.issuerURL) return [];
    const { name } = unit.cluster;
    return [
      findingOf(clusterOidcIssuerDisabled, {
        severity: 'error',
        state: 'broken',
        message: `Cluster ${name} has no OIDC issuer, so Microsoft Entra ID cannot verify its service account tokens. Nothing after this link can work until it is turned on.`,
        evidence: {
          expected: 'oidcIssuerProfile.enabled=true, issuerURL set',
          actual: `enabled=${profile?.enabled ?? 'absent'}, issuerURL=${
            profile?.issuerURL || 'none'
          }`,
        },
        fix: commandFix(
          `az aks update ${clusterArgs(
            unit.cluster,
          )} --enable-oidc-issuer && az aks show ${clusterArgs(
            unit.cluster,
          )} --query oidcIssuerProfile.issuerUrl -o tsv`,
          'platform',
          {
            note: 'The second command prints the issuer URL: use it exactly as printed in every federated credential. Enabling the issuer restarts the API server and changes the token issuer, so restart the pods that use service account tokens afterwards. It cannot be turned off again.',
          },
        ),
        ref: refs.cluster(unit),
      }),
    ];
  },
};
