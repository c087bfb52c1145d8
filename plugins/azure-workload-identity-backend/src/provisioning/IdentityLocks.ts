/**
 * Serializes work on one managed identity across requests and replicas. Azure refuses a
 * federated credential write while another to the same identity is in flight (HTTP 409), so
 * ten requests adding credentials to one identity must take turns rather than retry into
 * each other.
 */
export interface IdentityLocks {
  /**
   * Runs `work` holding the lock on `identityResourceId`, waiting for it up to `waitMs`.
   * Throws IdentityLockTimeoutError when the lock could not be had in time.
   */
  withLock<T>(
    options: { identityResourceId: string; owner: string; waitMs: number },
    work: () => Promise<T>,
  ): Promise<T>;
}

export class IdentityLockTimeoutError extends Error {
  readonly name = 'IdentityLockTimeoutError';
  constructor(identityResourceId: string, waitMs: number) {
    super(
      `another request kept writing to identity ${identityResourceId} for more than ${Math.round(
        waitMs / 1000,
      )}s; the step is retried on the next run`,
    );
  }
}
