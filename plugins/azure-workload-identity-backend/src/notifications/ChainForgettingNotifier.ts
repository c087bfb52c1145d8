import { AccessRequestRecord } from '../requests/types';
import { RequestNotifier } from './RequestNotifier';

/**
 * Tells another notifier everything, and first forgets the component's cached chain whenever
 * a request changed it (built, failed halfway, revoked), so the card shows the change on the
 * next look instead of what was read before.
 */
export class ChainForgettingNotifier implements RequestNotifier {
  constructor(
    private readonly options: {
      notifier: RequestNotifier;
      forget(entityRef: string): Promise<void>;
    },
  ) {}

  awaitingApproval(request: AccessRequestRecord) {
    return this.options.notifier.awaitingApproval(request);
  }

  approved(request: AccessRequestRecord, approver: string) {
    return this.options.notifier.approved(request, approver);
  }

  rejected(request: AccessRequestRecord, approver: string, reason: string) {
    return this.options.notifier.rejected(request, approver, reason);
  }

  async active(request: AccessRequestRecord) {
    await this.forget(request);
    return this.options.notifier.active(request);
  }

  async failed(request: AccessRequestRecord, error: string) {
    await this.forget(request);
    return this.options.notifier.failed(request, error);
  }

  async revoked(request: AccessRequestRecord, actor: string) {
    await this.forget(request);
    return this.options.notifier.revoked(request, actor);
  }

  expiring(request: AccessRequestRecord, inWords: string) {
    return this.options.notifier.expiring(request, inWords);
  }

  // Best effort, like notifying: a cache that cannot be reached must not fail the request.
  private async forget(request: AccessRequestRecord) {
    await this.options.forget(request.entityRef).catch(() => undefined);
  }
}
