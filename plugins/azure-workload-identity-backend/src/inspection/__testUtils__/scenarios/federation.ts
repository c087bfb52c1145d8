import {
  addCredential,
  changeCredential,
  hideCredentials,
  hiddenFromPortal,
  justWritten,
  Staging,
  wiOrders,
} from '../twinStaging';
import { binding, fics, probeFails } from '../access';
import { W } from '../world';
import { Scenario, ScenarioTable } from './types';

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

/** The twin staging of another scenario of this table, looked up when it runs. */
function twinOf(name: string): Staging {
  // eslint-disable-next-line @typescript-eslint/no-use-before-define
  return demo => federationScenarios[name].twin(demo);
}

export const federationScenarios: ScenarioTable = {
  'read-denied-fic': {
    snapshot: s => {
      binding(s).federatedCredentials = FIC_LIST_DENIED;
    },
    twin: hideCredentials,
  },
  'fic-deleted': {
    snapshot: s => {
      binding(s).federatedCredentials = { status: 'ok', value: [] };
      probeFails(
        s,
        'AADSTS70025',
        `The client '${W.clientId}' has no configured federated identity credentials.`,
      );
    },
    twin: demo => {
      const { state } = demo.sandbox.azure.twin;
      const identity = wiOrders(demo);
      const [fic] = state.listFederatedCredentials(identity);
      state.deleteFederatedCredential(identity, fic.name);
    },
  },
  'fic-issuer-no-slash': {
    snapshot: s => {
      noSlash(s);
      probeFails(
        s,
        'AADSTS700211',
        `No matching federated identity record found for presented assertion issuer '${W.issuer}'.`,
      );
    },
    twin: changeCredential(fic => ({
      issuer: fic.issuer.replace(/\/$/, ''),
    })),
  },
  'fic-subject-uppercase': {
    snapshot: subject(
      'system:serviceaccount:orders:Orders-API',
      'AADSTS7002138',
      "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'. Please note that the matching is done using a case-sensitive comparison.",
    ),
    twin: changeCredential(() => ({
      subject: 'system:serviceaccount:orders:Orders-API',
    })),
  },
  'fic-subject-ns-typo': {
    snapshot: subject(
      'system:serviceaccount:order:orders-api',
      'AADSTS700213',
      "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
    ),
    twin: changeCredential(() => ({
      subject: 'system:serviceaccount:order:orders-api',
    })),
  },
  'fic-subject-sa-typo': {
    snapshot: subject(
      'system:serviceaccount:orders:order-api',
      'AADSTS700213',
      "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
    ),
    twin: changeCredential(() => ({
      subject: 'system:serviceaccount:orders:order-api',
    })),
  },
  'fic-audience-wrong': {
    snapshot: s => {
      fics(s)[0].properties.audiences = [
        'https://kubernetes.default.svc.cluster.local',
      ];
      probeFails(
        s,
        'AADSTS700212',
        "No matching federated identity record found for presented assertion audience 'api://AzureADTokenExchange'.",
      );
    },
    twin: changeCredential(() => ({
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    })),
  },
  'fic-for-deleted-namespace': {
    snapshot: extraFic(
      'orders-legacy',
      W.issuer,
      'system:serviceaccount:orders-legacy:orders-api',
    ),
    twin: addCredential('orders-legacy', () => ({
      subject: 'system:serviceaccount:orders-legacy:orders-api',
    })),
  },
  'fic-for-unknown-cluster': {
    snapshot: extraFic(
      'orders-old-cluster',
      'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
      'system:serviceaccount:orders:orders-api',
    ),
    twin: addCredential('orders-old-cluster', () => ({
      issuer:
        'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
    })),
  },
  'fic-propagating-external': {
    snapshot: s => {
      probeFails(
        s,
        'AADSTS70021',
        'No matching federated identity record found for presented assertion.',
      );
    },
    twin: justWritten,
  },
  'fics-hidden-none-exist': {
    snapshot: hidden(
      s => {
        binding(s).federatedCredentials = { status: 'ok', value: [] };
      },
      'AADSTS70025',
      `The client '${W.clientId}' has no configured federated identity credentials.`,
    ),
    twin: hiddenFromPortal(twinOf('fic-deleted')),
  },
  'fics-hidden-issuer-no-slash': {
    snapshot: hidden(
      noSlash,
      'AADSTS700211',
      `No matching federated identity record found for presented assertion issuer '${W.issuer}'.`,
    ),
    twin: hiddenFromPortal(twinOf('fic-issuer-no-slash')),
  },
  'fics-hidden-audience-wrong': {
    snapshot: hidden(
      () => undefined,
      'AADSTS700212',
      "No matching federated identity record found for presented assertion audience 'api://AzureADTokenExchange'.",
    ),
    twin: hiddenFromPortal(twinOf('fic-audience-wrong')),
  },
  'fics-hidden-subject-typo': {
    snapshot: hidden(
      () => undefined,
      'AADSTS700213',
      "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'.",
    ),
    twin: hiddenFromPortal(twinOf('fic-subject-sa-typo')),
  },
  'fics-hidden-subject-case': {
    snapshot: hidden(
      () => undefined,
      'AADSTS7002138',
      "No matching federated identity record found for presented assertion subject 'system:serviceaccount:orders:orders-api'. Please note that the matching is done using a case-sensitive comparison.",
    ),
    twin: hiddenFromPortal(twinOf('fic-subject-uppercase')),
  },
};
