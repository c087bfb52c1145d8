/**
 * Azure refuses overlapping FIC writes on one identity (409
 * ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).
 * A write holds its identity for the configured write duration; another write
 * arriving meanwhile is refused instead of queued, exactly like the service.
 */
export class FicWriteGate {
  private busy = new Set<string>();

  /** Runs `write` while holding the identity, or returns false at once if it is held. */
  async tryWrite<T>(
    identityKey: string,
    durationMs: number,
    write: () => T,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.busy.has(identityKey)) return { ok: false };
    if (durationMs <= 0) return { ok: true, value: write() };
    this.busy.add(identityKey);
    try {
      await new Promise(r => setTimeout(r, durationMs));
      return { ok: true, value: write() };
    } finally {
      this.busy.delete(identityKey);
    }
  }
}
