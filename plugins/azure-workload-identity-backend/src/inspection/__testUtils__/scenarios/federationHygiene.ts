import { addCredential, justWritten, moreNamespaces } from '../twinStaging';
import { cluster, fics, ok, probeFails } from '../access';
import { NOW, W } from '../world';
import { Scenario, ScenarioTable } from './types';

/** `extra` more FICs for orders-api in namespaces orders-01…, which exist with their SA. */
function extraNamespaces(extra: number): Scenario {
  return s => {
    for (let i = 1; i <= extra; i++) {
      const ns = `orders-${String(i).padStart(2, '0')}`;
      fics(s).push({
        id: `${W.identityId}/federatedIdentityCredentials/${ns}`,
        name: ns,
        properties: {
          issuer: W.issuer,
          subject: `system:serviceaccount:${ns}:orders-api`,
          audiences: ['api://AzureADTokenExchange'],
        },
      });
      ok(cluster(s).namespaces).push({ metadata: { name: ns } });
      cluster(s).serviceAccounts[ns] = {
        status: 'ok',
        value: [{ metadata: { name: 'orders-api', namespace: ns } }],
      };
    }
  };
}

export const federationHygieneScenarios: ScenarioTable = {
  'fic-19-of-20': {
    snapshot: extraNamespaces(18),
    twin: moreNamespaces(18),
  },
  'fic-20-of-20': {
    snapshot: extraNamespaces(19),
    twin: moreNamespaces(19),
  },
  'fic-duplicate-slash': {
    snapshot: s => {
      fics(s).push({
        id: `${W.identityId}/federatedIdentityCredentials/orders-api-noslash`,
        name: 'orders-api-noslash',
        properties: {
          issuer: W.issuer.replace(/\/$/, ''),
          subject: 'system:serviceaccount:orders:orders-api',
          audiences: ['api://AzureADTokenExchange'],
        },
      });
    },
    twin: addCredential('orders-api-noslash', fic => ({
      issuer: fic.issuer.replace(/\/$/, ''),
    })),
  },
  'fic-just-created': {
    snapshot: s => {
      const step = ok(s.requests)[0].federatedCredential!;
      step.appliedAt = new Date(NOW.getTime() - 30_000).toISOString();
      // The Entra twin honours new FICs after 120 s.
      probeFails(
        s,
        'AADSTS70021',
        'No matching federated identity record found for presented assertion.',
      );
    },
    twin: demo => {
      justWritten(demo);
      return {
        request: request => {
          request.federatedCredential!.appliedAt = new Date(
            Date.now() - 30_000,
          ).toISOString();
        },
      };
    },
  },
};
