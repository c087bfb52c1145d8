import { HealthRule } from '../inspection/rule';
import { clusterOidcDiscoveryBroken } from './cluster/cluster-oidc-discovery-broken';
import { clusterOidcIssuerDisabled } from './cluster/cluster-oidc-issuer-disabled';
import { clusterWorkloadIdentityDisabled } from './cluster/cluster-workload-identity-disabled';
import { guardrailMissing } from './cluster/guardrail-missing';
import { ficAudienceMismatch } from './federation/fic-audience-mismatch';
import { ficCountNearLimit } from './federation/fic-count-near-limit';
import { ficDuplicate } from './federation/fic-duplicate';
import { ficIssuerMismatch } from './federation/fic-issuer-mismatch';
import { ficIssuerStale } from './federation/fic-issuer-stale';
import { ficIssuerTrailingSlash } from './federation/fic-issuer-trailing-slash';
import { ficMissing } from './federation/fic-missing';
import { ficPropagationPending } from './federation/fic-propagation-pending';
import { ficStaleSubject } from './federation/fic-stale-subject';
import { ficSubjectCaseMismatch } from './federation/fic-subject-case-mismatch';
import { ficSubjectNamespaceMismatch } from './federation/fic-subject-namespace-mismatch';
import { ficSubjectSaMismatch } from './federation/fic-subject-sa-mismatch';
import { ficUnknownIssuer } from './federation/fic-unknown-issuer';
import { podAadPodIdentityLeftover } from './pod/pod-aad-pod-identity-leftover';
import { podLabelMissing } from './pod/pod-label-missing';
import { podLabelOnServiceaccountOnly } from './pod/pod-label-on-serviceaccount-only';
import { podNotMutated } from './pod/pod-not-mutated';
import { kvAccessPolicyModeNoPolicy } from './resource/kv-access-policy-mode-no-policy';
import { kvRbacModePolicyIgnored } from './resource/kv-rbac-mode-policy-ignored';
import { resourceGrantedToKubeletIdentity } from './resource/resource-granted-to-kubelet-identity';
import { resourceNetworkBlocked } from './resource/resource-network-blocked';
import { resourceNotFound } from './resource/resource-not-found';
import { raControlPlaneOnly } from './roleassignment/ra-control-plane-only';
import { raMissing } from './roleassignment/ra-missing';
import { raOrphaned } from './roleassignment/ra-orphaned';
import { raPrincipalTypeMismatch } from './roleassignment/ra-principal-type-mismatch';
import { raPrivilegedRole } from './roleassignment/ra-privileged-role';
import { raScopeTooBroad } from './roleassignment/ra-scope-too-broad';
import { saClientIdIsPrincipalId } from './serviceaccount/sa-client-id-is-principal-id';
import { saClientIdMissing } from './serviceaccount/sa-client-id-missing';
import { saClientIdNotGranted } from './serviceaccount/sa-client-id-not-granted';
import { saClientIdUnknown } from './serviceaccount/sa-client-id-unknown';
import { saMissing } from './serviceaccount/sa-missing';
import { saTenantIdMismatch } from './serviceaccount/sa-tenant-id-mismatch';
import { saTokenExpirationInvalid } from './serviceaccount/sa-token-expiration-invalid';
import { tokenAssertionExpired } from './token/token-assertion-expired';
import { tokenAudienceRejected } from './token/token-audience-rejected';
import { tokenClientNotFound } from './token/token-client-not-found';
import { tokenExchangeFailed } from './token/token-exchange-failed';
import { tokenIssuerRejected } from './token/token-issuer-rejected';
import { tokenIssuerUnreachable } from './token/token-issuer-unreachable';
import { tokenNoFicConfigured } from './token/token-no-fic-configured';
import { tokenNoMatchingFic } from './token/token-no-matching-fic';
import { tokenProbeNotRun } from './token/token-probe-not-run';
import { tokenSubjectCaseRejected } from './token/token-subject-case-rejected';
import { tokenSubjectRejected } from './token/token-subject-rejected';
import { tokenTenantNotFound } from './token/token-tenant-not-found';
import { identityIsClusterIdentity } from './identity/identity-is-cluster-identity';
import { identityNotFound } from './identity/identity-not-found';
import { identityRecreated } from './identity/identity-recreated';
import { podTokenVolumeMissing } from './pod/pod-token-volume-missing';
import { podTokenPathMismatch } from './pod/pod-token-path-mismatch';
import { podPredatesSaChange } from './pod/pod-predates-sa-change';
import { podEnvOverridesInjected } from './pod/pod-env-overrides-injected';
import { podMainContainerSkipped } from './pod/pod-main-container-skipped';
import { podSidecarReceivesIdentity } from './pod/pod-sidecar-receives-identity';
import { podUsesDefaultSa } from './pod/pod-uses-default-sa';
import { podStaticCredentialEnv } from './pod/pod-static-credential-env';
import { podProxySidecarInUse } from './pod/pod-proxy-sidecar-in-use';
import { podSdkTooOld } from './pod/pod-sdk-too-old';
import { podAdmissionRejected } from './pod/pod-admission-rejected';
import { podCredentialSecretLeftover } from './pod/pod-credential-secret-leftover';
import { resourcePrivateEndpointUnusable } from './resource/resource-private-endpoint-unusable';
import { requestDrift } from './roleassignment/request-drift';
import { saSharedAcrossComponents } from './serviceaccount/sa-shared-across-components';
import { identitySharedBlastRadius } from './identity/identity-shared-blast-radius';
import { raPropagationPending } from './roleassignment/ra-propagation-pending';
import { requestExpiredStillActive } from './roleassignment/request-expired-still-active';
import { requestExpiring } from './roleassignment/request-expiring';
import { webhookDuplicateInstall } from './webhook/webhook-duplicate-install';
import { webhookExcludesNamespace } from './webhook/webhook-excludes-namespace';
import { webhookFailurePolicyIgnore } from './webhook/webhook-failure-policy-ignore';
import { webhookMissing } from './webhook/webhook-missing';
import { webhookUnhealthy } from './webhook/webhook-unhealthy';

/**
 * The built-in rules as data, in card order. The plugin adds them through its health rules
 * extension point, where modules add theirs after them.
 */
export const HEALTH_RULES: readonly HealthRule[] = [
  clusterOidcIssuerDisabled,
  clusterWorkloadIdentityDisabled,
  clusterOidcDiscoveryBroken,
  guardrailMissing,
  webhookMissing,
  webhookUnhealthy,
  webhookFailurePolicyIgnore,
  webhookDuplicateInstall,
  webhookExcludesNamespace,
  podLabelMissing,
  podLabelOnServiceaccountOnly,
  podNotMutated,
  podAdmissionRejected,
  podProxySidecarInUse,
  podSdkTooOld,
  podCredentialSecretLeftover,
  podTokenVolumeMissing,
  podTokenPathMismatch,
  podPredatesSaChange,
  podEnvOverridesInjected,
  podMainContainerSkipped,
  podSidecarReceivesIdentity,
  podUsesDefaultSa,
  podStaticCredentialEnv,
  podAadPodIdentityLeftover,
  saMissing,
  saClientIdMissing,
  saClientIdIsPrincipalId,
  saClientIdUnknown,
  saClientIdNotGranted,
  saTenantIdMismatch,
  saSharedAcrossComponents,
  saTokenExpirationInvalid,
  ficMissing,
  ficIssuerTrailingSlash,
  ficIssuerStale,
  ficIssuerMismatch,
  ficSubjectCaseMismatch,
  ficSubjectNamespaceMismatch,
  ficSubjectSaMismatch,
  ficAudienceMismatch,
  ficStaleSubject,
  ficUnknownIssuer,
  ficCountNearLimit,
  ficDuplicate,
  ficPropagationPending,
  identityNotFound,
  identityRecreated,
  identityIsClusterIdentity,
  identitySharedBlastRadius,
  raMissing,
  raScopeTooBroad,
  raPrivilegedRole,
  raControlPlaneOnly,
  raPrincipalTypeMismatch,
  raOrphaned,
  raPropagationPending,
  requestExpiring,
  requestExpiredStillActive,
  requestDrift,
  resourceNotFound,
  kvAccessPolicyModeNoPolicy,
  kvRbacModePolicyIgnored,
  resourceNetworkBlocked,
  resourcePrivateEndpointUnusable,
  resourceGrantedToKubeletIdentity,
  tokenProbeNotRun,
  tokenNoFicConfigured,
  tokenNoMatchingFic,
  tokenIssuerRejected,
  tokenAudienceRejected,
  tokenSubjectRejected,
  tokenSubjectCaseRejected,
  tokenAssertionExpired,
  tokenClientNotFound,
  tokenTenantNotFound,
  tokenIssuerUnreachable,
  tokenExchangeFailed,
];
