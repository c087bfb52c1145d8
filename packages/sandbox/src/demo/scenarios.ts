/**
 * What each demo component is staged to show. Components get scenarios by
 * their position among the components of their cluster in demo/catalog.yaml
 * (the first cluster's list, then the second's), so no name is repeated
 * here: rename a component in the catalog and the demo follows.
 *
 * `visible` and `masked` are the rule ids (docs/health-rules.md) the portal's
 * inspector must report for the component: shown, and hidden behind another.
 */
export type ScenarioId =
  | 'healthy-baseline'
  | 'healthy-three-resource-types'
  | 'fic-subject-namespace-mismatch'
  | 'ra-missing'
  | 'kv-access-policy-mode-no-policy'
  | 'pending-request'
  | 'no-access-yet'
  | 'sa-client-id-is-principal-id'
  | 'pod-label-missing'
  | 'fic-issuer-stale'
  | 'pod-aad-pod-identity-leftover'
  | 'resource-private-endpoint-unusable';

export interface Scenario {
  id: ScenarioId;
  summary: string;
  visible: string[];
  masked: string[];
  /** The cluster this scenario needs was rebuilt (its issuer changed). */
  rebuildsCluster?: boolean;
  /** The cluster still has aad-pod-identity's CRDs. */
  needsAadPodIdentity?: boolean;
}

export const SCENARIOS: Record<ScenarioId, Scenario> = {
  'healthy-baseline': {
    id: 'healthy-baseline',
    summary:
      'the healthy baseline: Storage Blob Data Reader on its storage account, Key Vault Secrets User on its vault',
    visible: [],
    masked: [],
  },
  'healthy-three-resource-types': {
    id: 'healthy-three-resource-types',
    summary:
      'healthy with roles on three resource types: Service Bus Data Sender, Key Vault Secrets User, Storage Blob Data Reader',
    visible: [],
    masked: [],
  },
  'fic-subject-namespace-mismatch': {
    id: 'fic-subject-namespace-mismatch',
    summary:
      'FIC subject names a namespace with a typo (missing last letter); that namespace does not exist',
    visible: ['fic-subject-namespace-mismatch'],
    masked: ['token-subject-rejected', 'fic-stale-subject'],
  },
  'ra-missing': {
    id: 'ra-missing',
    summary:
      'identity, FIC, service account and pods are right, but the identity has no role assignment at all',
    visible: ['ra-missing'],
    masked: [],
  },
  'kv-access-policy-mode-no-policy': {
    id: 'kv-access-policy-mode-no-policy',
    summary:
      'Key Vault in access-policy mode with no policy for the identity; its RBAC role on the vault is ignored',
    visible: ['kv-access-policy-mode-no-policy'],
    // The vault is a target in access-policy mode; ra-missing does not apply to it.
    masked: [],
  },
  'pending-request': {
    id: 'pending-request',
    summary:
      'no identity yet; a pending access request (demoPendingRequests) waits for approval',
    visible: [],
    masked: [],
  },
  'no-access-yet': {
    id: 'no-access-yet',
    summary:
      'no identity and no request yet: the component to try the "Request Azure access" template on (its storage account exists, nothing grants access to it)',
    visible: [],
    masked: [],
  },
  'sa-client-id-is-principal-id': {
    id: 'sa-client-id-is-principal-id',
    summary:
      "service account annotation holds the identity's principal (object) id instead of its client id",
    visible: ['sa-client-id-is-principal-id'],
    // A principal id is a known identity's, so sa-client-id-unknown stays silent.
    masked: ['token-client-not-found'],
  },
  'pod-label-missing': {
    id: 'pod-label-missing',
    summary:
      'pod template lacks azure.workload.identity/use; pods run unmutated (service account annotated, FIC and role right)',
    visible: ['pod-label-missing'],
    masked: [],
  },
  'fic-issuer-stale': {
    id: 'fic-issuer-stale',
    summary:
      "cluster rebuilt (new issuer GUID); the FIC still trusts the cluster's previous issuer",
    visible: ['fic-issuer-stale'],
    masked: ['token-issuer-rejected', 'fic-unknown-issuer'],
    rebuildsCluster: true,
  },
  'pod-aad-pod-identity-leftover': {
    id: 'pod-aad-pod-identity-leftover',
    summary:
      'migrating from aad-pod-identity: workload identity works, but the aadpodidbinding label and an AzureIdentityBinding remain',
    visible: ['pod-aad-pod-identity-leftover'],
    masked: [],
    needsAadPodIdentity: true,
  },
  'resource-private-endpoint-unusable': {
    id: 'resource-private-endpoint-unusable',
    summary:
      "its vault is private behind an approved endpoint in the nodes' network, but the vault's private link zone is not linked to that network (a warning: pods resolve the public address)",
    visible: ['resource-private-endpoint-unusable'],
    masked: [],
  },
};

/** Scenario order per cluster position (first cluster in the catalog, then the second). */
export const SCENARIO_ORDER: ScenarioId[][] = [
  [
    'healthy-baseline',
    'healthy-three-resource-types',
    'fic-subject-namespace-mismatch',
    'ra-missing',
    'kv-access-policy-mode-no-policy',
    'pending-request',
    'resource-private-endpoint-unusable',
  ],
  [
    'sa-client-id-is-principal-id',
    'pod-label-missing',
    'fic-issuer-stale',
    'pod-aad-pod-identity-leftover',
    'no-access-yet',
  ],
];
