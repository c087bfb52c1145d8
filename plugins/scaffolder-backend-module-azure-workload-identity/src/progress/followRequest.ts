import { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccessRequestView,
  AzureWorkloadIdentityApi,
  RequestStatus,
} from '../client/AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityApiError } from '../client/AzureWorkloadIdentityApiError';
import { narrateEvent } from './narrateEvent';

/** The statuses in which the backend is still working on its own: worth waiting for. */
const IN_PROGRESS: ReadonlySet<RequestStatus> = new Set([
  'approved',
  'applying',
]);

/** A backend restart or a brief overload should not fail a task that waited minutes. */
const MAX_CONSECUTIVE_TRANSIENT_FAILURES = 5;

export interface FollowRequestOptions {
  api: AzureWorkloadIdentityApi;
  requestId: string;
  /** A fresh token for each call: a long wait can outlive one. */
  getToken(): Promise<string>;
  logger: LoggerService;
  pollIntervalMs: number;
  /** How long to keep following while the backend is still working. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface FollowedRequest {
  /** The request as last read. */
  request: AccessRequestView;
  /** True when the deadline passed while the request was still in progress. */
  timedOut: boolean;
}

/**
 * Reads the request until it leaves the in-progress statuses (active, failed, waiting for a
 * person's approval, ...) or the deadline passes, and tells the log about each new event of
 * its timeline as it appears.
 */
export async function followRequest(
  options: FollowRequestOptions,
): Promise<FollowedRequest> {
  const { api, requestId, logger, signal } = options;
  const deadline = Date.now() + options.timeoutMs;
  const told = new Set<string>();
  let last: AccessRequestView | undefined;
  let failures = 0;

  for (;;) {
    try {
      last = await api.getRequest({
        requestId,
        token: await options.getToken(),
        signal,
      });
      failures = 0;
    } catch (error) {
      if (
        !isTransient(error) ||
        ++failures > MAX_CONSECUTIVE_TRANSIENT_FAILURES
      ) {
        throw error;
      }
      logger.warn(
        `Could not read request ${requestId} (${
          (error as Error).message
        }); trying again`,
      );
    }

    if (last) {
      for (const event of last.events) {
        if (told.has(event.id)) continue;
        told.add(event.id);
        const line = narrateEvent(event, last.plan);
        logger[line.level](line.message);
      }
      if (!IN_PROGRESS.has(last.status)) {
        return { request: last, timedOut: false };
      }
    }

    if (Date.now() + options.pollIntervalMs > deadline) {
      if (!last) {
        throw new Error(
          `could not read request ${requestId} before the deadline`,
        );
      }
      return { request: last, timedOut: true };
    }
    await sleep(options.pollIntervalMs, undefined, { signal });
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof AzureWorkloadIdentityApiError && error.transient;
}
