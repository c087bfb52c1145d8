import {
  AzureTeardown,
  ConcurrentFederatedCredentialWriteError,
  ServiceAccountTeardown,
} from '../clients/ProvisioningClients';
import { IdentityLocks } from '../provisioning/IdentityLocks';
import { Clock, retryUntilDeadline } from '../provisioning/retry';
import { ProvisioningTimings } from '../provisioning/steps/StepContext';
import { JsonObject } from '../requests/types';
import {
  removeServiceAccount,
  ServiceAccountTeardownOutcome,
} from './removeServiceAccount';
import { parseServiceAccountRemoval } from './serviceAccountRemoval';

/** What revoking removes things with. */
export interface TeardownPorts {
  azure: AzureTeardown;
  /** Undefined for a cluster the portal cannot write to (GitOps, or no longer configured). */
  serviceAccountTeardownFor(
    cluster: string,
  ): ServiceAccountTeardown | undefined;
  locks: IdentityLocks;
  clock: Clock;
  timings: ProvisioningTimings;
}

/**
 * Removes one resource as its removal (recorded by the request, or handed over to it)
 * describes it: a service account's annotations (and the account), a role assignment, or a
 * federated credential.
 */
export async function removeResource(options: {
  removal: JsonObject;
  requestId: string;
  ports: TeardownPorts;
}): Promise<ServiceAccountTeardownOutcome> {
  const { removal, ports } = options;
  const account = parseServiceAccountRemoval(removal);
  if (account) {
    return removeServiceAccount(
      ports.serviceAccountTeardownFor(account.cluster),
      account,
    );
  }
  if (typeof removal.assignmentId === 'string') {
    await ports.azure.deleteRoleAssignment(removal.assignmentId);
    return { applied: { removed: removal.assignmentId } };
  }
  if (
    typeof removal.identityResourceId === 'string' &&
    typeof removal.name === 'string'
  ) {
    await deleteFederatedCredential({
      identityResourceId: removal.identityResourceId,
      name: removal.name,
      requestId: options.requestId,
      ports,
    });
    return { applied: { removed: removal.name } };
  }
  return {};
}

// Azure refuses a credential write while another to the same identity is in flight, so the
// delete takes the identity's turn as the provisioner's writes do, and retries a refusal.
async function deleteFederatedCredential(options: {
  identityResourceId: string;
  name: string;
  requestId: string;
  ports: TeardownPorts;
}): Promise<void> {
  const { identityResourceId, name } = options;
  const { locks, clock, azure, timings } = options.ports;
  await locks.withLock(
    {
      identityResourceId,
      owner: `revoke/${options.requestId}`,
      waitMs: timings.identityLockWaitMs,
    },
    () =>
      retryUntilDeadline({
        attempt: () =>
          azure.deleteFederatedCredential({ identityResourceId, name }),
        retryable: e => e instanceof ConcurrentFederatedCredentialWriteError,
        clock,
        deadlineMs: timings.identityLockWaitMs,
        initialDelayMs: timings.initialDelayMs,
        maxDelayMs: timings.maxDelayMs,
      }),
  );
}
