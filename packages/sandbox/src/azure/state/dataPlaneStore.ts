import { randomUUID } from 'node:crypto';
import { idKey, isAtOrAbove } from '../ids';
import { flatten, mapFor, StateContext } from './stateSupport';
import {
  AzureStateSnapshot,
  BlobRecord,
  CertificateRecord,
  MessageRecord,
  SecretRecord,
} from './types';

/** Data-plane items: blobs, Key Vault secrets and certificates, queued messages. */
export class DataPlaneStore {
  private blobs = new Map<string, Map<string, BlobRecord>>();
  private secrets = new Map<string, Map<string, SecretRecord>>();
  private certificates = new Map<string, Map<string, CertificateRecord>>();
  private messages = new Map<string, MessageRecord[]>();
  /** Kept across clears: Service Bus sequence numbers only grow. */
  private sequence = 0;

  constructor(private readonly ctx: StateContext) {}

  putBlob(containerId: string, name: string, blob: BlobRecord): void {
    mapFor(this.blobs, idKey(containerId)).set(name, blob);
    this.ctx.changed();
  }

  getBlob(containerId: string, name: string): BlobRecord | undefined {
    return this.blobs.get(idKey(containerId))?.get(name);
  }

  listBlobs(containerId: string): Array<[string, BlobRecord]> {
    return [
      ...(
        this.blobs.get(idKey(containerId)) ?? new Map<string, BlobRecord>()
      ).entries(),
    ].sort(([a], [b]) => a.localeCompare(b));
  }

  deleteBlob(containerId: string, name: string): boolean {
    const deleted = this.blobs.get(idKey(containerId))?.delete(name) ?? false;
    if (deleted) this.ctx.changed();
    return deleted;
  }

  putSecret(
    vaultId: string,
    name: string,
    secret: Omit<SecretRecord, 'version' | 'updated' | 'enabled'> &
      Partial<SecretRecord>,
  ): SecretRecord {
    const record: SecretRecord = {
      version: randomUUID().replace(/-/g, ''),
      updated: this.ctx.now(),
      enabled: true,
      ...secret,
    };
    mapFor(this.secrets, idKey(vaultId)).set(name.toLowerCase(), record);
    this.ctx.changed();
    return record;
  }

  getSecret(vaultId: string, name: string): SecretRecord | undefined {
    return this.secrets.get(idKey(vaultId))?.get(name.toLowerCase());
  }

  listSecrets(vaultId: string): Array<[string, SecretRecord]> {
    return [
      ...(
        this.secrets.get(idKey(vaultId)) ?? new Map<string, SecretRecord>()
      ).entries(),
    ];
  }

  putCertificate(
    vaultId: string,
    name: string,
    cert: Omit<CertificateRecord, 'version' | 'updated' | 'enabled'> &
      Partial<CertificateRecord>,
  ): CertificateRecord {
    const record: CertificateRecord = {
      version: randomUUID().replace(/-/g, ''),
      updated: this.ctx.now(),
      enabled: true,
      ...cert,
    };
    mapFor(this.certificates, idKey(vaultId)).set(name.toLowerCase(), record);
    this.ctx.changed();
    return record;
  }

  getCertificate(vaultId: string, name: string): CertificateRecord | undefined {
    return this.certificates.get(idKey(vaultId))?.get(name.toLowerCase());
  }

  listCertificates(vaultId: string): Array<[string, CertificateRecord]> {
    return [
      ...(
        this.certificates.get(idKey(vaultId)) ??
        new Map<string, CertificateRecord>()
      ).entries(),
    ];
  }

  enqueueMessage(
    entityId: string,
    message: Omit<
      MessageRecord,
      'sequenceNumber' | 'enqueuedAt' | 'messageId'
    > &
      Partial<MessageRecord>,
  ): MessageRecord {
    const record: MessageRecord = {
      messageId: randomUUID(),
      enqueuedAt: this.ctx.now(),
      sequenceNumber: ++this.sequence,
      ...message,
    };
    const queue = this.messages.get(idKey(entityId)) ?? [];
    queue.push(record);
    this.messages.set(idKey(entityId), queue);
    this.ctx.changed();
    return record;
  }

  /** Receive-and-delete of the oldest message. */
  dequeueMessage(entityId: string): MessageRecord | undefined {
    const message = this.messages.get(idKey(entityId))?.shift();
    if (message) this.ctx.changed();
    return message;
  }

  /** Part of a resource's delete: the items at or under its id, without a notice of their own. */
  deleteUnder(resourceId: string): void {
    for (const map of [
      this.blobs,
      this.secrets,
      this.certificates,
      this.messages,
    ] as Map<string, unknown>[]) {
      for (const k of map.keys()) if (isAtOrAbove(resourceId, k)) map.delete(k);
    }
  }

  clear(): void {
    this.blobs.clear();
    this.secrets.clear();
    this.certificates.clear();
    this.messages.clear();
  }

  snapshot(): Pick<
    AzureStateSnapshot,
    'blobs' | 'secrets' | 'certificates' | 'messages'
  > {
    return {
      blobs: flatten(this.blobs).map(([containerId, name, blob]) => ({
        containerId,
        name,
        blob,
      })),
      secrets: flatten(this.secrets).map(([vaultId, name, secret]) => ({
        vaultId,
        name,
        secret,
      })),
      certificates: flatten(this.certificates).map(
        ([vaultId, name, certificate]) => ({ vaultId, name, certificate }),
      ),
      messages: [...this.messages.entries()].flatMap(([entityId, list]) =>
        list.map(message => ({ entityId, message })),
      ),
    };
  }

  load(snapshot: AzureStateSnapshot): void {
    for (const b of snapshot.blobs)
      mapFor(this.blobs, idKey(b.containerId)).set(b.name, b.blob);
    for (const s of snapshot.secrets)
      mapFor(this.secrets, idKey(s.vaultId)).set(s.name, s.secret);
    for (const c of snapshot.certificates)
      mapFor(this.certificates, idKey(c.vaultId)).set(c.name, c.certificate);
    for (const m of snapshot.messages) {
      const list = this.messages.get(idKey(m.entityId)) ?? [];
      list.push(m.message);
      this.messages.set(idKey(m.entityId), list);
      this.sequence = Math.max(this.sequence, m.message.sequenceNumber);
    }
  }
}
