import {
  DAY,
  aksProd,
  changeCredential,
  changeManagedCluster,
  deleteWebhook,
} from '../twinStaging';
import {
  binding,
  cluster,
  managedCluster,
  pods,
  probeFails,
  probeNotRun,
  workload,
} from '../access';
import { unmutatedPod } from '../unmutated';
import { NOW, W } from '../world';
import { Scenario, ScenarioTable } from './types';

export const NEW_ISSUER =
  'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/66666666-7777-8888-9999-000000000000/';

const recreateUnmutated: Scenario = s => {
  binding(s).pods = {
    status: 'ok',
    value: pods(s).map(p =>
      unmutatedPod(p.metadata.name, workload(s).template),
    ),
  };
};

export const clusterScenarios: ScenarioTable = {
  'arm-cluster-503': {
    snapshot: s => {
      cluster(s).managedCluster = {
        status: 'unreachable',
        httpStatus: 503,
        code: 'ServiceUnavailable',
        reason:
          'The service is unavailable (x-ms-request-id 7f3e9a10-0000-0000-0000-000000000001)',
      };
    },
    twin: demo => {
      demo.sandbox.azure.twin.context.faults.add({
        match: {
          surface: 'arm',
          method: 'GET',
          pathContains: 'managedClusters/aks-prod',
        },
        status: 503,
        code: 'ServiceUnavailable',
        message: 'The service is unavailable',
      });
    },
  },
  'oidc-issuer-off': {
    snapshot: s => {
      managedCluster(s).properties.oidcIssuerProfile = { enabled: false };
      cluster(s).discovery = {
        status: 'not-found',
        reason: 'the cluster has no OIDC issuer',
      };
      // The probe is skipped when the cluster has no issuer.
      probeNotRun(s, 'the cluster has no OIDC issuer');
    },
    twin: changeManagedCluster(record => {
      record.oidcIssuerEnabled = false;
      delete record.issuerUrl;
    }),
  },
  'wi-addon-off': {
    snapshot: s => {
      delete managedCluster(s).properties.securityProfile;
      cluster(s).webhookConfigurations = { status: 'ok', value: [] };
      cluster(s).webhookDeployments = { status: 'ok', value: [] };
      recreateUnmutated(s);
    },
    twin: demo => {
      changeManagedCluster(record => {
        record.workloadIdentityEnabled = false;
      })(demo);
      deleteWebhook(demo);
      aksProd(demo).restartDeployment('orders', 'orders-api');
    },
  },
  'oidc-discovery-404': {
    snapshot: s => {
      cluster(s).discovery = { status: 'ok', value: { httpStatus: 404 } };
      probeFails(s, 'AADSTS90061', 'Request to External OIDC endpoint failed.');
    },
    twin: demo => {
      aksProd(demo).issuer.serving = false;
    },
  },
  'webhook-config-deleted': {
    snapshot: s => {
      cluster(s).webhookConfigurations = { status: 'ok', value: [] };
      recreateUnmutated(s);
    },
    twin: demo => {
      const aks = aksProd(demo);
      const type = aks.type(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
      );
      for (const config of aks.list(type, {})) {
        aks.delete(type, undefined, config.metadata.name);
      }
      aks.restartDeployment('orders', 'orders-api');
    },
  },
  'cluster-rebuilt': {
    snapshot: s => {
      managedCluster(s).properties.oidcIssuerProfile = {
        enabled: true,
        issuerURL: NEW_ISSUER,
      };
      const discovery = cluster(s).discovery;
      if (discovery.status === 'ok')
        discovery.value.document = {
          issuer: NEW_ISSUER,
          jwks_uri: `${NEW_ISSUER}openid/v1/jwks`,
        };
      if (s.issuerHistory.status === 'ok') {
        s.issuerHistory.value[0].lastSeen = '2026-05-20T08:00:00Z';
        s.issuerHistory.value.push({
          cluster: 'aks-prod',
          issuer: NEW_ISSUER,
          firstSeen: '2026-05-20T09:00:00Z',
          lastSeen: NOW.toISOString(),
        });
      }
      probeFails(
        s,
        'AADSTS700211',
        `No matching federated identity record found for presented assertion issuer '${NEW_ISSUER}'.`,
      );
    },
    // Rebuilt: a new issuer and key; the credential still trusts the old one.
    twin: demo => {
      const aks = aksProd(demo);
      const old = aks.issuer.url;
      const rebuilt = demo.sandbox.demo!.kubernetes.issuerUrlFor(
        '66666666-7777-8888-9999-000000000000',
      );
      aks.issuer.changeUrl(rebuilt);
      changeManagedCluster(record => {
        record.issuerUrl = rebuilt;
      })(demo);
      return {
        issuerHistory: [
          {
            cluster: 'aks-prod',
            issuer: old,
            firstSeen: new Date(Date.now() - 90 * DAY).toISOString(),
            lastSeen: new Date(Date.now() - DAY).toISOString(),
          },
          {
            cluster: 'aks-prod',
            issuer: rebuilt,
            firstSeen: new Date(Date.now() - DAY).toISOString(),
            lastSeen: new Date().toISOString(),
          },
        ],
      };
    },
  },
  'fic-issuer-other-cluster': {
    snapshot: s => {
      const dr = structuredClone(cluster(s));
      const drIssuer =
        'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/dddddddd-0000-0000-0000-00000000dddd/';
      dr.name = 'aks-dr';
      if (dr.managedCluster.status === 'ok') {
        dr.managedCluster.value.name = 'aks-dr';
        dr.managedCluster.value.id = W.clusterId.replace('aks-prod', 'aks-dr');
        dr.managedCluster.value.properties.oidcIssuerProfile = {
          enabled: true,
          issuerURL: drIssuer,
        };
      }
      s.clusters.push(dr);
      const fics = binding(s).federatedCredentials;
      if (fics.status === 'ok') fics.value[0].properties.issuer = drIssuer;
      probeFails(
        s,
        'AADSTS700211',
        `No matching federated identity record found for presented assertion issuer '${W.issuer}'.`,
      );
    },
    // aks-dev, also configured, has the namespace and service account but no workload; the
    // credential trusts its issuer instead of aks-prod's.
    twin: demo => {
      const other = demo.sandbox.demo!.kubernetes.cluster('aks-dev');
      other.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'orders' },
      });
      other.apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'orders-api', namespace: 'orders' },
      });
      changeCredential(() => ({ issuer: other.issuer.url }))(demo);
    },
  },
};
