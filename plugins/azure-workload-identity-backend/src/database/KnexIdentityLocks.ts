import { Knex } from 'knex';
import {
  IdentityLocks,
  IdentityLockTimeoutError,
} from '../provisioning/IdentityLocks';

const LOCKS_TABLE = 'awi_identity_locks';

/**
 * Identity locks as rows: the primary key makes "insert" the acquire, so exactly one replica
 * gets it. A lock carries an expiry so one held by a replica that died is taken over rather
 * than blocking the identity forever; the holder's work is short (one credential write).
 */
export class KnexIdentityLocks implements IdentityLocks {
  private readonly knex: Knex;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly holdMs: number;

  constructor(options: {
    knex: Knex;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    /** How long a lock stays valid if its holder never releases it. */
    holdMs?: number;
  }) {
    this.knex = options.knex;
    this.now = options.now ?? Date.now;
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.holdMs = options.holdMs ?? 60_000;
  }

  async withLock<T>(
    options: { identityResourceId: string; owner: string; waitMs: number },
    work: () => Promise<T>,
  ): Promise<T> {
    const key = options.identityResourceId.toLowerCase();
    const deadline = this.now() + options.waitMs;
    let pause = 25;
    while (!(await this.tryAcquire(key, options.owner))) {
      if (this.now() >= deadline) {
        throw new IdentityLockTimeoutError(
          options.identityResourceId,
          options.waitMs,
        );
      }
      // Jitter keeps waiting replicas from polling in lockstep.
      await this.sleep(pause + Math.floor(Math.random() * pause));
      pause = Math.min(pause * 2, 400);
    }
    try {
      return await work();
    } finally {
      await this.knex(LOCKS_TABLE)
        .where({ lock_key: key, owner: options.owner })
        .delete();
    }
  }

  private async tryAcquire(key: string, owner: string): Promise<boolean> {
    const now = this.now();
    const expiresAt = now + this.holdMs;
    // Take over a lock whose holder died first; otherwise try to create it.
    const tookOver = await this.knex(LOCKS_TABLE)
      .where({ lock_key: key })
      .andWhere('expires_at', '<', now)
      .update({ owner, expires_at: expiresAt });
    if (tookOver > 0) return true;
    const inserted = await this.knex(LOCKS_TABLE)
      .insert({ lock_key: key, owner, expires_at: expiresAt })
      .onConflict('lock_key')
      .ignore()
      .returning('lock_key');
    return inserted.length > 0;
  }
}
