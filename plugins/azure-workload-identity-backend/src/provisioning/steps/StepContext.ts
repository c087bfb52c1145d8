import {
  AzureWriter,
  ServiceAccountWriter,
  TokenExchangeProbe,
} from '../../clients/ProvisioningClients';
import { ClusterGuardrails } from '../../guardrails/ClusterGuardrails';
import { AccessRequestRecord, JsonObject } from '../../requests/types';
import { IdentityLocks } from '../IdentityLocks';
import { Clock } from '../retry';

/** How long the provisioner waits for Azure's eventual consistency before giving up. */
export interface ProvisioningTimings {
  /** A new identity's principal replicating to where role assignments are authorized. */
  principalDeadlineMs: number;
  /** Another writer finishing on the same identity's federated credentials. */
  identityLockWaitMs: number;
  /** A new federated credential being honoured by Entra ID's token exchange. */
  verifyDeadlineMs: number;
  /** First backoff delay; doubled up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_TIMINGS: ProvisioningTimings = {
  principalDeadlineMs: 5 * 60_000,
  identityLockWaitMs: 2 * 60_000,
  verifyDeadlineMs: 5 * 60_000,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
};

/** What a step needs from the outside world. */
export interface ProvisioningPorts {
  azure: AzureWriter;
  /** The writer of a cluster, or undefined when the cluster is in manifest (GitOps) mode. */
  serviceAccountWriterFor(cluster: string): ServiceAccountWriter | undefined;
  probe: TokenExchangeProbe;
  locks: IdentityLocks;
  clock: Clock;
  /** The tenant the identities live in, for the service account's tenant-id annotation. */
  tenantId?: string;
  /**
   * Keeps each cluster's admission guardrails in step with the grants; absent, the service
   * account step writes none.
   */
  guardrails?: ClusterGuardrails;
}

/** One step's run: the request, the outputs of steps already applied, and a way to narrate. */
export interface StepContext {
  request: AccessRequestRecord;
  /** Outputs of the steps applied so far (this run or an earlier one), by step id. */
  outputs: ReadonlyMap<string, JsonObject>;
  /** Unique per replica and request: the holder named on identity locks. */
  lockOwner: string;
  ports: ProvisioningPorts;
  timings: ProvisioningTimings;
  /** Records a `step-retrying` event on the timeline (progress shown on long waits). */
  noteRetry(detail: JsonObject): Promise<void>;
}

/** A step that cannot succeed as planned; the request fails with this message. */
export class StepFailedError extends Error {
  readonly name = 'StepFailedError';
  constructor(
    message: string,
    /** A machine-readable reason, e.g. the AADSTS code of a failed verification. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The identity step's outputs, which every later step names. */
export interface IdentityOutputs {
  resourceId: string;
  clientId: string;
  principalId: string;
  tenantId?: string;
}

export function identityOutputs(context: StepContext): IdentityOutputs {
  const out = context.outputs.get('identity');
  if (
    !out ||
    typeof out.resourceId !== 'string' ||
    typeof out.clientId !== 'string' ||
    typeof out.principalId !== 'string'
  ) {
    // The stages run the identity first; reaching this is a bug, not a user error.
    throw new Error('the identity step has not recorded its outputs');
  }
  return {
    resourceId: out.resourceId,
    clientId: out.clientId,
    principalId: out.principalId,
    tenantId: typeof out.tenantId === 'string' ? out.tenantId : undefined,
  };
}
