import { randomUUID } from 'node:crypto';
import type { AdmissionOperation } from './admission/types';

/**
 * One write whose admission added audit annotations, after the fields of an
 * audit.k8s.io/v1 Event the twin can fill
 * (https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/#audit-k8s-io-v1-Event).
 */
export interface AuditEvent {
  auditID: string;
  /** RFC 3339, when admission ran. */
  stageTimestamp: string;
  operation: AdmissionOperation;
  /** Absent for the twin's own writes (seeding, controllers). */
  user?: { username: string; groups: string[] };
  objectRef: {
    apiGroup: string;
    apiVersion: string;
    resource: string;
    namespace?: string;
    name: string;
  };
  dryRun: boolean;
  /** Set when admission refused the write. */
  responseStatus?: { code: number; reason: string };
  /** e.g. `validation.policy.admission.k8s.io/validation_failure`, `<policy>/<key>`. */
  annotations: Record<string, string>;
}

/** Enough history for tests and a person's look; older events are dropped. */
const CAPACITY = 500;

/**
 * The cluster's audit log, in memory. Only requests that carry annotations are
 * kept: what ValidatingAdmissionPolicy `Audit` actions and `auditAnnotations`
 * publish, which a real cluster writes to its audit backend.
 */
export class AuditLog {
  private readonly entries: AuditEvent[] = [];

  record(event: Omit<AuditEvent, 'auditID'>): void {
    this.entries.push({ auditID: randomUUID(), ...event });
    if (this.entries.length > CAPACITY)
      this.entries.splice(0, this.entries.length - CAPACITY);
  }

  /** Oldest first; copies. */
  events(): AuditEvent[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
