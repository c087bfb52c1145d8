import { AccessRequestRecord } from '../requests/types';

/**
 * Who hears of what happens to a request: approvers of a request that waits for them, the
 * requester of every decision and outcome. Sending is best effort: a notification that
 * cannot be delivered never changes what happens to the request.
 */
export interface RequestNotifier {
  awaitingApproval(request: AccessRequestRecord): Promise<void>;
  approved(request: AccessRequestRecord, approver: string): Promise<void>;
  rejected(
    request: AccessRequestRecord,
    approver: string,
    reason: string,
  ): Promise<void>;
  active(request: AccessRequestRecord): Promise<void>;
  failed(request: AccessRequestRecord, error: string): Promise<void>;
  revoked(request: AccessRequestRecord, actor: string): Promise<void>;
  /** `inWords`: how long is left, e.g. "a week". */
  expiring(request: AccessRequestRecord, inWords: string): Promise<void>;
}

/** For when no notifications are wanted, e.g. in tests that do not look at them. */
export const silentNotifier: RequestNotifier = {
  awaitingApproval: async () => {},
  approved: async () => {},
  rejected: async () => {},
  active: async () => {},
  failed: async () => {},
  revoked: async () => {},
  expiring: async () => {},
};
