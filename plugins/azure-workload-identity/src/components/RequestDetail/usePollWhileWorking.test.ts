import { renderHook } from '@testing-library/react';
import { isWorking, usePollWhileWorking } from './usePollWhileWorking';

describe('usePollWhileWorking', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('knows which statuses are still at work', () => {
    expect(isWorking('applying')).toBe(true);
    expect(isWorking('approved')).toBe(true);
    expect(isWorking('revoking')).toBe(true);
    expect(isWorking('active')).toBe(false);
    expect(isWorking('pending-approval')).toBe(false);
    expect(isWorking(undefined)).toBe(false);
  });

  it('reloads while applying and stops once the request settles', () => {
    const reload = jest.fn();
    const { rerender } = renderHook(
      ({ status }) => usePollWhileWorking(status, reload, 1000),
      { initialProps: { status: 'applying' as any } },
    );
    jest.advanceTimersByTime(3000);
    expect(reload).toHaveBeenCalledTimes(3);
    rerender({ status: 'active' });
    jest.advanceTimersByTime(5000);
    expect(reload).toHaveBeenCalledTimes(3);
  });
});
