import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestStore } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { PLUGIN_ACTOR } from '../requests/RequestDecisions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The notices a requester gets before their access expires, latest first. */
const EXPIRY_NOTICES = [
  { notice: 'day', before: DAY_MS, words: 'a day' },
  { notice: 'week', before: 7 * DAY_MS, words: 'a week' },
] as const;

const EXPIRY_REMINDED_EVENT = 'expiry-reminded';

/**
 * Tells requesters a week and a day before their access expires, so they can ask again in time.
 * Each notice is sent once per request: it is recorded as an event, which is also what the
 * next run (on whichever replica) checks. A request found for the first time within a day gets
 * only the day notice.
 */
export async function remindExpiring(options: {
  store: RequestStore;
  notifier: RequestNotifier;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const earliestNotice = Math.max(...EXPIRY_NOTICES.map(n => n.before));
  const horizon = new Date(now.getTime() + earliestNotice);
  // Active requests expiring by the horizon; those already past it are revokeExpired's.
  const ids = await options.store.listExpired({ now: horizon, limit: 500 });
  let sent = 0;
  for (const id of ids) {
    const request = await options.store.getRequest({ id });
    if (!request?.expiresAt) continue;
    const left = new Date(request.expiresAt).getTime() - now.getTime();
    if (left <= 0) continue;
    const due = EXPIRY_NOTICES.find(notice => left <= notice.before);
    if (!due) continue;
    const alreadySent = request.events.some(
      event =>
        event.type === EXPIRY_REMINDED_EVENT &&
        // A day notice also stands for the week notice it made unnecessary.
        (event.detail?.notice === due.notice || event.detail?.notice === 'day'),
    );
    if (alreadySent) continue;
    try {
      await options.store.appendEvent({
        requestId: id,
        type: EXPIRY_REMINDED_EVENT,
        actor: PLUGIN_ACTOR,
        detail: { notice: due.notice, expiresAt: request.expiresAt },
      });
      await options.notifier.expiring(request, due.words);
      sent++;
    } catch (error) {
      options.logger.warn(
        `Could not remind of the expiry of request ${id}: ${
          (error as Error).message
        }`,
      );
    }
  }
  return sent;
}
