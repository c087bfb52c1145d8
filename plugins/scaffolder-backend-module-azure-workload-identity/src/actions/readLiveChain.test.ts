import { mockServices } from '@backstage/backend-test-utils';
import { chainView, workload } from '../__testUtils__/chains';
import { fakeApi } from '../__testUtils__/fakeApi';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';
import { readLiveChain } from './readLiveChain';

const entityRef = 'component:default/orders-api';
const token = async () => 'token-of-olivia';

/** A backend that never answers a chain read, until the call is aborted. */
const hanging = {
  getChain: ({ signal }: { signal?: AbortSignal }) =>
    new Promise((_, reject) => {
      // As fetch does: a signal aborted before the call rejects it at once.
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason));
    }),
} as unknown as AzureWorkloadIdentityApi;

describe('readLiveChain', () => {
  it('reads the chain as the user', async () => {
    const chain = chainView([workload()]);
    const api = fakeApi({ chain });
    const logger = mockServices.logger.mock();

    await expect(
      readLiveChain({ api, entityRef, token, logger }),
    ).resolves.toBe(chain);
    expect(api.calls).toEqual([
      { method: 'getChain', token: 'token-of-olivia', entityRef },
    ]);
  });

  it('reads nothing through an API that cannot read chains', async () => {
    // An implementation of the API from before it read chains.
    const { getChain: _, ...older } = fakeApi({
      chain: chainView([workload()]),
    });
    const logger = mockServices.logger.mock();

    await expect(
      readLiveChain({ api: older, entityRef, token, logger }),
    ).resolves.toBeUndefined();
    expect(older.calls).toEqual([]);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('gives up on a chain that takes too long, and says so', async () => {
    const logger = mockServices.logger.mock();

    await expect(
      readLiveChain({ api: hanging, entityRef, token, logger, timeoutMs: 20 }),
    ).resolves.toBeUndefined();
    expect(logger.info).toHaveBeenCalledWith(
      'Could not read the live chain of component:default/orders-api (no answer within 0.02s), so the next step names no workload.',
    );
  });

  it('stops with the task when the task is cancelled', async () => {
    const cancel = new AbortController();
    const read = readLiveChain({
      api: hanging,
      entityRef,
      token,
      logger: mockServices.logger.mock(),
      signal: cancel.signal,
    });
    cancel.abort(new Error('the task was cancelled'));
    await expect(read).rejects.toThrow('the task was cancelled');
  });
});
