import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { Plan } from '../planning/Plan';
import { REQUEST_ID_PATTERN } from '../requests/requestId';
import {
  AccessRequestRecord,
  JsonObject,
  RequestEvent,
  RequestStatus,
} from '../requests/types';
import { InvalidCursorError } from './RequestStore';

export const REQUESTS_TABLE = 'awi_requests';
export const EVENTS_TABLE = 'awi_request_events';

export interface RequestRow {
  id: string;
  entity_ref: string;
  requested_by: string;
  status: string;
  cluster: string;
  namespace: string;
  service_account: string;
  spec: string;
  plan: string | null;
  plan_hash: string | null;
  current_step: string | null;
  /** The grant's key while the request is open, else null; see openGrantKey.ts. */
  open_grant_key?: string | null;
  expires_at: Date | string | number | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
}

export interface EventRow {
  id: number | string;
  request_id: string;
  type: string;
  actor: string;
  plan_hash: string | null;
  detail: string | null;
  created_at: Date | string | number;
}

export function toRequestRecord(row: RequestRow): AccessRequestRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    requestedBy: row.requested_by,
    status: row.status as RequestStatus,
    cluster: row.cluster,
    namespace: row.namespace,
    serviceAccountName: row.service_account,
    spec: JSON.parse(row.spec) as AccessRequestSpec,
    plan: row.plan ? (JSON.parse(row.plan) as Plan) : undefined,
    planHash: row.plan_hash ?? undefined,
    currentStep: row.current_step ?? undefined,
    expiresAt: row.expires_at ? toIsoTimestamp(row.expires_at) : undefined,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export function toRequestEvent(row: EventRow): RequestEvent {
  return {
    // PostgreSQL hands bigints back as strings and SQLite as numbers: one shape for callers.
    id: String(row.id),
    requestId: row.request_id,
    type: row.type,
    actor: row.actor,
    planHash: row.plan_hash ?? undefined,
    detail: row.detail ? (JSON.parse(row.detail) as JsonObject) : undefined,
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/**
 * PostgreSQL returns Date objects; SQLite returns what was stored, which for a
 * CURRENT_TIMESTAMP default is `YYYY-MM-DD HH:MM:SS` in UTC without a zone.
 */
export function toIsoTimestamp(value: Date | string | number): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) {
    return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  }
  return new Date(value).toISOString();
}

// Opaque to callers so the paging scheme can change without breaking them.
export function encodeCursor(lastId: string): string {
  return Buffer.from(`v1:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('v1:') ? decoded.slice(3) : '';
  if (!REQUEST_ID_PATTERN.test(id)) throw new InvalidCursorError();
  return id;
}
