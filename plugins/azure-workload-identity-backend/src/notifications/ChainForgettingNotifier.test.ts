import { AccessRequestRecord } from '../requests/types';
import { ChainForgettingNotifier } from './ChainForgettingNotifier';
import { RequestNotifier, silentNotifier } from './RequestNotifier';

const request = {
  id: 'r1',
  entityRef: 'component:default/search-indexer',
} as AccessRequestRecord;

describe('ChainForgettingNotifier', () => {
  function setup(forget: (ref: string) => Promise<void>) {
    const told: string[] = [];
    const inner: RequestNotifier = Object.fromEntries(
      Object.keys(silentNotifier).map(event => [
        event,
        async () => {
          told.push(event);
        },
      ]),
    ) as unknown as RequestNotifier;
    return {
      told,
      notifier: new ChainForgettingNotifier({ notifier: inner, forget }),
    };
  }

  it('forgets the chain when a request changed it, then tells the other notifier', async () => {
    const forgotten: string[] = [];
    const { told, notifier } = setup(async ref => {
      forgotten.push(ref);
    });
    await notifier.awaitingApproval(request);
    await notifier.approved(request, 'user:default/pat-platform');
    expect(forgotten).toEqual([]);
    await notifier.active(request);
    await notifier.failed(request, 'boom');
    await notifier.revoked(request, 'user:default/olivia-orders');
    expect(forgotten).toEqual([
      request.entityRef,
      request.entityRef,
      request.entityRef,
    ]);
    expect(told).toEqual([
      'awaitingApproval',
      'approved',
      'active',
      'failed',
      'revoked',
    ]);
  });

  it('still tells of the outcome when the cache cannot be reached', async () => {
    const { told, notifier } = setup(async () => {
      throw new Error('redis is down');
    });
    await notifier.active(request);
    expect(told).toEqual(['active']);
  });
});
