import { StateContext } from './stateSupport';
import { AzureStateSnapshot, PrincipalRecord } from './types';

/** Entra ID's directory objects: applications and the service principals of managed identities. */
export class DirectoryStore {
  private principals = new Map<string, PrincipalRecord>();

  constructor(private readonly ctx: StateContext) {}

  putPrincipal(
    principal: Omit<PrincipalRecord, 'createdAt'> & { createdAt?: number },
  ): PrincipalRecord {
    const record = { createdAt: this.ctx.now(), ...principal };
    this.principals.set(principal.objectId.toLowerCase(), record);
    this.ctx.changed();
    return record;
  }

  getPrincipal(objectId: string): PrincipalRecord | undefined {
    return this.principals.get(objectId.toLowerCase());
  }

  findPrincipalByAppId(appId: string): PrincipalRecord | undefined {
    const a = appId.toLowerCase();
    return [...this.principals.values()].find(
      p => p.appId?.toLowerCase() === a,
    );
  }

  /** Part of another change (a managed identity's write): no change notice of its own. */
  upsertWithoutNotice(record: PrincipalRecord): void {
    this.principals.set(record.objectId.toLowerCase(), record);
  }

  /** Part of another change (a managed identity's delete): no change notice of its own. */
  deleteWithoutNotice(objectId: string): void {
    this.principals.delete(objectId.toLowerCase());
  }

  clear(): void {
    this.principals.clear();
  }

  snapshot(): Pick<AzureStateSnapshot, 'principals'> {
    return { principals: [...this.principals.values()] };
  }

  load(snapshot: AzureStateSnapshot): void {
    for (const p of snapshot.principals)
      this.principals.set(p.objectId.toLowerCase(), p);
  }
}
