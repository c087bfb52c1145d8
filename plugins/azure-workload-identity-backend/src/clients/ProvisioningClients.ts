/**
 * The writes the provisioner makes, in the provisioner's terms. Each call is idempotent on its
 * own: calling it again with the same input changes nothing and answers the same. The
 * provisioner is tested against plain fakes of these; the SDK-backed implementations against
 * the sandbox.
 */
import { IdentityFacts } from './PreflightReader';

export interface EnsureIdentityInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

export interface FederatedCredentialInput {
  identityResourceId: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface RoleAssignmentInput {
  /** The ARM scope, e.g. a storage container's resource id. */
  scope: string;
  /** The assignment's name: a GUID derived from scope, role and principal, so a retry reuses it. */
  name: string;
  /** The role definition's GUID (not its full id). */
  roleId: string;
  principalId: string;
}

export type RoleAssignmentOutcome =
  /** Made by this call (or an earlier attempt under the same name). */
  | { kind: 'created'; id: string }
  /** The principal already held the role on the scope under another name (RoleAssignmentExists). */
  | { kind: 'adopted'; id?: string };

export interface AzureWriter {
  /** Create-or-update by name; answers the identity as it now is, its principal id included. */
  ensureIdentity(input: EnsureIdentityInput): Promise<IdentityFacts>;
  /** Undefined when it does not exist. */
  getIdentity(resourceId: string): Promise<IdentityFacts | undefined>;
  /**
   * Create-or-update by name. Throws ConcurrentFederatedCredentialWriteError when Azure refuses
   * because another write to the same identity is in flight (HTTP 409).
   */
  putFederatedCredential(input: FederatedCredentialInput): Promise<void>;
  /**
   * Throws PrincipalNotFoundError while a new identity's principal has not replicated yet
   * (HTTP 400 PrincipalNotFound): worth retrying for a while.
   */
  createRoleAssignment(
    input: RoleAssignmentInput,
  ): Promise<RoleAssignmentOutcome>;
}

export interface ServiceAccountInput {
  cluster: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

export type ServiceAccountOutcome = 'created' | 'updated' | 'unchanged';

/**
 * What a write did to one annotation: `added` where there was none, `replaced` another value,
 * `unchanged` where it already had this value (the write only adopted it).
 */
export type AnnotationOutcome = 'added' | 'replaced' | 'unchanged';

/**
 * What a write did to one label: `added` where there was none, `unchanged` where it already had
 * this value, `kept` where it had another one, which the write left: a label such as
 * `app.kubernetes.io/managed-by: Helm` belongs to whoever made the account, and Helm refuses to
 * upgrade a release whose objects carry another manager.
 */
export type LabelOutcome = 'added' | 'unchanged' | 'kept';

export interface ServiceAccountWrite {
  outcome: ServiceAccountOutcome;
  /** Per annotation of the input: what the write found and did. */
  annotations: Record<string, AnnotationOutcome>;
  /** Per label of the input: what the write found and did. */
  labels: Record<string, LabelOutcome>;
}

/** What writing `wanted` labels onto `current` does to each, leaving values already there. */
export function labelOutcomes(
  current: Record<string, string> | undefined,
  wanted: Record<string, string>,
): Record<string, LabelOutcome> {
  const outcomes: Record<string, LabelOutcome> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const found = current?.[key];
    if (found === undefined) outcomes[key] = 'added';
    else outcomes[key] = found === value ? 'unchanged' : 'kept';
  }
  return outcomes;
}

/** What writing `wanted` over `current` does to each annotation of `wanted`. */
export function annotationOutcomes(
  current: Record<string, string> | undefined,
  wanted: Record<string, string>,
): Record<string, AnnotationOutcome> {
  const outcomes: Record<string, AnnotationOutcome> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const found = current?.[key];
    if (found === undefined) outcomes[key] = 'added';
    else outcomes[key] = found === value ? 'unchanged' : 'replaced';
  }
  return outcomes;
}

export interface ServiceAccountWriter {
  /**
   * Creates the service account, or merges these annotations and labels into the existing one
   * (keeping everything else it has, e.g. imagePullSecrets or other teams' annotations, and
   * the value of any label it already has).
   * Answers what it found, so that revoking later removes only what this write set.
   */
  ensureServiceAccount(
    input: ServiceAccountInput,
  ): Promise<ServiceAccountWrite>;
}

export interface TokenExchangeInput {
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  /** Audience of the Kubernetes token, api://AzureADTokenExchange. */
  audience: string;
  tenantId: string;
  clientId: string;
}

/**
 * What came of requesting a service account token from the cluster (TokenRequest) and
 * presenting it to Entra ID as a client assertion, as a workload would.
 */
export type TokenExchangeOutcome = (
  | { ok: true }
  | {
      ok: false;
      /** e.g. AADSTS700213 (no matching federated credential), or `service-account-missing`. */
      code: string;
      /** Entra's or the cluster's message, without the assertion. */
      message: string;
    }
) & {
  /** When the exchange was made, when that was earlier than the inspection reporting it. */
  exchangedAt?: string;
};

export interface TokenExchangeProbe {
  exchange(input: TokenExchangeInput): Promise<TokenExchangeOutcome>;
}

/** A second write to the same identity's federated credentials while one is in flight. */
export class ConcurrentFederatedCredentialWriteError extends Error {
  readonly name = 'ConcurrentFederatedCredentialWriteError';
}

/** A principal that Entra ID has not yet replicated to where ARM authorizes assignments. */
export class PrincipalNotFoundError extends Error {
  readonly name = 'PrincipalNotFoundError';
}

/** Azure's side of revoking: removes what a request made. Absent things count as removed. */
export interface AzureTeardown {
  deleteRoleAssignment(assignmentId: string): Promise<void>;
  /**
   * Deletes the identity only when nothing uses it any more: no federated credential left on
   * it and no role assignment of its principal in its own subscription or those of
   * `grantScopes` (where the request's grants were). Anything found keeps it, and is named in
   * the answer.
   */
  deleteIdentityIfUnused(options: {
    identityResourceId: string;
    principalId: string;
    grantScopes: string[];
  }): Promise<{ deleted: true } | { deleted: false; usedBy: string[] }>;
  /** Throws ConcurrentFederatedCredentialWriteError like a write does. */
  deleteFederatedCredential(options: {
    identityResourceId: string;
    name: string;
  }): Promise<void>;
}

export interface ServiceAccountRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** A service account as revoking sees it. */
export interface ServiceAccountState {
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** Names of the image pull secrets it lists: someone else's configuration when present. */
  imagePullSecrets: string[];
  /** The version read, so a delete can insist nothing changed since. */
  resourceVersion?: string;
}

/** The cluster's side of revoking. */
export interface ServiceAccountTeardown {
  /**
   * Removes each annotation and label whose current value is the one given (another value
   * means someone changed it since, and it is left alone). A missing account is fine.
   */
  removeMetadata(
    options: ServiceAccountRef & {
      annotations: Record<string, string>;
      labels: Record<string, string>;
    },
  ): Promise<'removed' | 'unchanged' | 'absent'>;
  /** Undefined when the account does not exist. */
  readServiceAccount(
    options: ServiceAccountRef,
  ): Promise<ServiceAccountState | undefined>;
  /** Names of the pods in the account's namespace that run as it. */
  podsUsing(options: ServiceAccountRef): Promise<string[]>;
  /**
   * Deletes the account if it is still at `resourceVersion` (when given); `changed` when it
   * was written since, which leaves it in place. A missing account is `absent`.
   */
  deleteServiceAccount(
    options: ServiceAccountRef & { resourceVersion?: string },
  ): Promise<'deleted' | 'changed' | 'absent'>;
}

/** The provisioner's and the revoker's outside world, as the composition root builds it. */
export interface ProvisioningClients {
  azure: AzureWriter & AzureTeardown;
  /** Undefined for a cluster in manifest (GitOps) mode. */
  serviceAccountWriterFor(
    cluster: string,
  ): (ServiceAccountWriter & ServiceAccountTeardown) | undefined;
  probe: TokenExchangeProbe;
}
