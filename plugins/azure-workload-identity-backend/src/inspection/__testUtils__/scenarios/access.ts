import {
  aksProd,
  changeResource,
  entraFails,
  storageAssignments,
} from '../twinStaging';
import { binding, cluster, probeFails, probeNotRun } from '../access';
import { BASELINE_ASSIGNMENTS } from '../baselineBinding';
import { W } from '../world';
import { Scenario, ScenarioTable } from './types';

const withoutStorageRole = (s: Parameters<Scenario>[0]) => {
  const b = binding(s);
  if (b.roleAssignments.status === 'ok') {
    b.roleAssignments.value = b.roleAssignments.value.filter(
      a => a.properties.scope !== W.storageId,
    );
  }
  b.targets[0].assignmentsAtScope = { status: 'ok', value: [] };
};

/** Role assignment, resource and token scenarios: what lies behind the federation. */
export const accessScenarios: ScenarioTable = {
  'role-assignment-deleted': {
    snapshot: withoutStorageRole,
    twin: demo => {
      for (const ra of storageAssignments(demo)) {
        demo.sandbox.azure.twin.state.deleteRoleAssignment(ra.name);
      }
    },
  },
  'keyvault-access-policy-mode': {
    snapshot: s => {
      const vault = binding(s).targets[1].resource;
      if (vault.status === 'ok') {
        vault.value.properties.enableRbacAuthorization = false;
        vault.value.properties.accessPolicies = [];
      }
      // The Key Vault Secrets User assignment stays: ignored in this mode.
      binding(s).targets[1].assignmentsAtScope = {
        status: 'ok',
        value: [BASELINE_ASSIGNMENTS.vault()],
      };
    },
    twin: changeResource(W.vaultId, properties => {
      properties.enableRbacAuthorization = false;
      properties.accessPolicies = [];
    }),
  },
  'probe-disabled': {
    snapshot: s => {
      cluster(s).probeEnabled = false;
      probeNotRun(s, 'disabled for the cluster (probe.enabled: false)');
    },
    // The node clock runs two hours behind: the tokens it issues are out of their time range.
    twin: () => ({
      config: config => ({
        ...config,
        clusters: config.clusters.map(c =>
          c.name === 'aks-prod' ? { ...c, probeEnabled: false } : c,
        ),
      }),
    }),
  },
  'cluster-clock-skew': {
    snapshot: s => {
      probeFails(
        s,
        'AADSTS700024',
        'Client assertion is not within its valid time range. Current time: 2026-06-01T10:00:00Z, assertion valid from 2026-06-01T07:59:00Z, expiry time of assertion 2026-06-01T08:09:00Z.',
      );
    },
    twin: demo => {
      aksProd(demo).clockOffsetSeconds = -2 * 3600;
    },
  },
  'issuer-unreachable-from-entra': {
    snapshot: s => {
      probeFails(s, 'AADSTS90061', 'Request to External OIDC endpoint failed.');
    },
    twin: entraFails(
      'AADSTS90061',
      'Request to External OIDC endpoint failed.',
    ),
  },
  'entra-unexpected-error': {
    snapshot: s => {
      probeFails(s, 'AADSTS50027', 'JWT token is invalid or malformed.');
    },
    twin: entraFails('AADSTS50027', 'JWT token is invalid or malformed.'),
  },
};
