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
import { Scenario } from './types';

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

export const clusterScenarios: Record<string, Scenario> = {
  'arm-cluster-503': s => {
    cluster(s).managedCluster = {
      status: 'unreachable',
      httpStatus: 503,
      code: 'ServiceUnavailable',
      reason:
        'The service is unavailable (x-ms-request-id 7f3e9a10-0000-0000-0000-000000000001)',
    };
  },
  'oidc-issuer-off': s => {
    managedCluster(s).properties.oidcIssuerProfile = { enabled: false };
    cluster(s).discovery = {
      status: 'not-found',
      reason: 'the cluster has no OIDC issuer',
    };
    // The probe is skipped when the cluster has no issuer.
    probeNotRun(s, 'the cluster has no OIDC issuer');
  },
  'wi-addon-off': s => {
    delete managedCluster(s).properties.securityProfile;
    cluster(s).webhookConfigurations = { status: 'ok', value: [] };
    cluster(s).webhookDeployments = { status: 'ok', value: [] };
    recreateUnmutated(s);
  },
  'oidc-discovery-404': s => {
    cluster(s).discovery = { status: 'ok', value: { httpStatus: 404 } };
    probeFails(s, 'AADSTS90061', 'Request to External OIDC endpoint failed.');
  },
  'webhook-config-deleted': s => {
    cluster(s).webhookConfigurations = { status: 'ok', value: [] };
    recreateUnmutated(s);
  },
  'cluster-rebuilt': s => {
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
  'fic-issuer-other-cluster': s => {
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
};
