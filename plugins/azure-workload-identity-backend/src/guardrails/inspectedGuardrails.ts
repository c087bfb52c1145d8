import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  GuardrailMode,
  GuardrailSettings,
} from '../config/readGuardrailConfig';
import { GuardrailFacts } from '../inspection/snapshot';
import { Grant, grantsData } from './grantsConfigMap';
import { GrantSources, grantsOfCluster, requestsIn } from './grantsOfCluster';
import {
  expectedGuardrailPolicies,
  GuardrailCluster,
} from './guardrailManifests';
import { guardrailState } from './guardrailState';
import { InstalledGuardrailObject, StoredGrants } from './GuardrailWriter';
import { GuardrailObject } from './kubernetesObjects';

/** What the portal would hold on a cluster now, for inspection to compare with what is there. */
export interface ExpectedClusterGuardrails {
  /** The policies and bindings only. */
  policies: readonly GuardrailObject[];
  grants: readonly Grant[];
  /**
   * Requests on the cluster being applied or revoked: their grants are on their way into or
   * out of the ConfigMap, so a difference in them is not drift.
   */
  settling: readonly string[];
  appliedBy: GuardrailFacts['appliedBy'];
  manifestsUrl?: string;
}

/** Inspection's view of the guardrail settings and the grants: configuration and stores. */
export interface GuardrailExpectations {
  modeOf(cluster: string): GuardrailMode;
  /** Only asked for clusters whose mode is not off. */
  expected(cluster: string): Promise<ExpectedClusterGuardrails>;
}

// A request is `applying` from approval until its last step, and `revoking` until its
// teardown is done; the provisioner writes the grants inside those steps.
const SETTLING = ['applying', 'revoking'] as const;

/**
 * The guardrail expectations of the configured clusters: the settings from configuration,
 * the grants from the stores (as GuardrailSync computes them), and whether the portal itself
 * writes the guardrails (a provisioner credential) or the platform team applies them.
 */
export function guardrailExpectations(options: {
  clusters: readonly (GuardrailCluster & { provisioner?: unknown })[];
  settingsOf(cluster: string): GuardrailSettings;
  stores: GrantSources;
  /** The backend's own address (`backend.baseUrl`), for the manifests' URL in fixes. */
  backendBaseUrl?: string;
}): GuardrailExpectations {
  const clusters = new Map(options.clusters.map(c => [c.name, c]));
  return {
    modeOf: cluster => options.settingsOf(cluster).mode,
    async expected(name) {
      const cluster = clusters.get(name);
      if (!cluster) throw new Error(`cluster '${name}' is not configured`);
      const [grants, ...settling] = await Promise.all([
        grantsOfCluster(options.stores, name),
        ...SETTLING.map(status => requestsIn(options.stores.requests, status)),
      ]);
      return {
        policies: expectedGuardrailPolicies(cluster, options.settingsOf(name)),
        grants,
        settling: settling
          .flat()
          .filter(r => r.cluster === name)
          .map(r => r.id),
        appliedBy: cluster.provisioner ? 'portal' : 'platform',
        ...(options.backendBaseUrl
          ? {
              manifestsUrl: `${options.backendBaseUrl.replace(
                /\/+$/,
                '',
              )}/api/${AZURE_WORKLOAD_IDENTITY_PLUGIN_ID}/guardrails/${encodeURIComponent(
                name,
              )}`,
            }
          : {}),
      };
    },
  };
}

function withoutSettling(
  data: Record<string, string>,
  settling: ReadonlySet<string>,
  other: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([key, requestId]) =>
        !settling.has(requestId) &&
        !(other[key] !== undefined && settling.has(other[key])),
    ),
  );
}

/**
 * What a cluster holds of the guardrails beside what the portal would hold there now. Grants
 * of a request being applied or revoked are left out on both sides while they settle.
 */
export function guardrailFacts(options: {
  expected: ExpectedClusterGuardrails;
  installed: { objects: InstalledGuardrailObject[]; grants?: StoredGrants };
}): GuardrailFacts {
  const { expected, installed } = options;
  const settling = new Set(expected.settling);
  const expectedData = grantsData(expected.grants);
  const storedData = installed.grants?.data;
  const state = guardrailState({
    expected: expected.policies,
    expectedGrants: withoutSettling(expectedData, settling, storedData ?? {}),
    installed: {
      objects: installed.objects,
      grants: installed.grants && {
        ...installed.grants,
        data: withoutSettling(installed.grants.data, settling, expectedData),
      },
    },
  });
  const granted: Record<string, string[]> = {};
  for (const grant of expected.grants) {
    const ids = (granted[grant.namespace] ??= []);
    const clientId = grant.clientId.toLowerCase();
    if (!ids.includes(clientId)) ids.push(clientId);
  }
  return {
    ...state,
    granted,
    appliedBy: expected.appliedBy,
    ...(expected.manifestsUrl ? { manifestsUrl: expected.manifestsUrl } : {}),
  };
}
