import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AccessRequestView,
  RequestEventView,
} from '../client/AzureWorkloadIdentityApi';
import { NextStep } from './nextStep';
import { forPeople } from './stepErrors';

/**
 * Decides how the step ends once the request was followed: active and waiting for approval
 * succeed (the task must never wait on a person), everything else fails with the request's
 * own reason and where to read more.
 */
export function settleRequest(options: {
  request: AccessRequestView;
  /** The next step of an active request. */
  next?: NextStep;
  timedOut: boolean;
  requestUrl: string;
  timeoutMs: number;
  logger: LoggerService;
}): void {
  const { request, next, requestUrl, logger } = options;
  const { id, status } = request;

  if (status === 'active') {
    // Ready is not working yet: say what remains rather than that pods get their token.
    if (next) {
      logger.info(next.ready);
      if (next.manifestFirst) logger.info(next.manifestFirst);
      logger.info(next.command ? `${next.pods} ${next.command}` : next.pods);
      if (next.roles) logger.info(next.roles);
    }
    logger.info(`Details: ${requestUrl}`);
    return;
  }
  if (status === 'pending-approval') {
    const reasons = request.plan?.approvalReasons.map(r => r.message) ?? [];
    logger.info(
      `Request ${id} waits for approval${
        reasons.length ? ` (${reasons.join('; ')})` : ''
      }. It is provisioned once approved; follow it at ${requestUrl}`,
    );
    return;
  }
  if (options.timedOut) {
    throw forPeople(
      new Error(
        `Request ${id} is still ${status} after ${duration(
          options.timeoutMs,
        )}. It carries on in the background: follow it at ${requestUrl}, or retry this task to keep following the same request.`,
      ),
    );
  }
  throw forPeople(
    new Error(
      `Request ${id} ${whatHappened(status)}: ${reasonOf(
        request,
      )}. Details: ${requestUrl}`,
    ),
  );
}

function whatHappened(status: string): string {
  if (status === 'failed') return 'failed';
  if (status === 'revoking') return 'is being revoked';
  return `was ${status}`;
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 120 && seconds % 60 === 0
    ? `${seconds / 60} minutes`
    : `${seconds}s`;
}

// The event that moved the request into its status carries the why: the provisioner's error
// for a failure, the approver's reason for a rejection.
function reasonOf(request: AccessRequestView): string {
  const event = [...request.events]
    .reverse()
    .find(e => e.detail?.to === request.status);
  if (!event) return 'the request does not say why';
  const said =
    text(event.detail?.error) ??
    text(event.detail?.reason) ??
    text(event.detail?.comment);
  const code = text(event.detail?.code);
  const by = byWhom(event);
  if (!said) return `no reason given${by}`;
  return `${said}${code ? ` (${code})` : ''}${by}`;
}

// The provisioner's own failures are signed by a replica id, which means nothing to a person.
function byWhom(event: RequestEventView): string {
  return event.actor?.startsWith('user:') ? ` (by ${event.actor})` : '';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
