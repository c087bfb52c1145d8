import { binding, fics, probeFails } from '../access';
import { W } from '../world';
import { Scenario } from './types';

const FIC_LIST_DENIED = {
  status: 'forbidden' as const,
  httpStatus: 403,
  code: 'AuthorizationFailed',
  reason: `The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read' over scope '${W.identityId}'.`,
};

function subject(value: string, code: string, description: string): Scenario {
  return s => {
    fics(s)[0].properties.subject = value;
    probeFails(s, code, description);
  };
}

function extraFic(name: string, issuer: string, sub: string): Scenario {
  return s => {
    fics(s).push({
      id: `${W.identityId}/federatedIdentityCredentials/${name}`,
      name,
      properties: {
        issuer,
        subject: sub,
        audiences: ['api://AzureADTokenExchange'],
      },
    });
  };
}

/** The FIC list is hidden from Backstage; only the probe can tell what is wrong. */
function hidden(change: Scenario, code: string, description: string): Scenario {
  return s => {
    change(s);
    binding(s).federatedCredentials = FIC_LIST_DENIED;
    probeFails(s, code, description);
  };
}

const noSlash = (s: Parameters<Scenario>[0]) => {
  fics(s)[0].properties.issuer = W.issuer.replace(/\/$/, '');
};

export const federationScenarios: Record<string, Scenario> = {
  'read-denied-fic': s => {
    binding(s).federatedCredentials = FIC_LIST_DENIED;
  },
  'fic-deleted': s => {
    binding(s).federatedCredentials = { status: 'ok', value: [] };
    probeFails(
      s,
      'AADSTS70025',
      `The client '${W.clientId}' has no configured federated identity credentials.`,
    );
  },
  'fic-issuer-no-slash': s => {
    noSlash(s);
    probeFails(
      s,
      'AADSTS700211',
      `No matching federated identity record found for presented assertion issuer '${W.issuer}'.`,
    );
  },
  'fic-subject-uppercase': subject(
    'system:serviceaccount:orders:Orders-API',
    'AADSTS7002138',
    "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'. Please note that the matching is done using a case-sensitive comparison.",
  ),
  'fic-subject-ns-typo': subject(
    'system:serviceaccount:order:orders-api',
    'AADSTS700213',
    "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
  ),
  'fic-subject-sa-typo': subject(
    'system:serviceaccount:orders:order-api',
    'AADSTS700213',
    "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
  ),
  'fic-audience-wrong': s => {
    fics(s)[0].properties.audiences = [
      'https://kubernetes.default.svc.cluster.local',
    ];
    probeFails(
      s,
      'AADSTS700212',
      "No matching federated identity record found for presented assertion audience 'api://AzureADTokenExchange'.",
    );
  },
  'fic-for-deleted-namespace': extraFic(
    'orders-legacy',
    W.issuer,
    'system:serviceaccount:orders-legacy:orders-api',
  ),
  'fic-for-unknown-cluster': extraFic(
    'orders-old-cluster',
    'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
    'system:serviceaccount:orders:orders-api',
  ),
  'fic-propagating-external': s => {
    probeFails(
      s,
      'AADSTS70021',
      'No matching federated identity record found for presented assertion.',
    );
  },
  'fics-hidden-none-exist': hidden(
    s => {
      binding(s).federatedCredentials = { status: 'ok', value: [] };
    },
    'AADSTS70025',
    `The client '${W.clientId}' has no configured federated identity credentials.`,
  ),
  'fics-hidden-issuer-no-slash': hidden(
    noSlash,
    'AADSTS700211',
    `No matching federated identity record found for presented assertion issuer '${W.issuer}'.`,
  ),
  'fics-hidden-audience-wrong': hidden(
    () => undefined,
    'AADSTS700212',
    "No matching federated identity record found for presented assertion audience 'api://AzureADTokenExchange'.",
  ),
  'fics-hidden-subject-typo': hidden(
    () => undefined,
    'AADSTS700213',
    "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
  ),
  'fics-hidden-subject-case': hidden(
    () => undefined,
    'AADSTS7002138',
    "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'. Please note that the matching is done using a case-sensitive comparison.",
  ),
};
