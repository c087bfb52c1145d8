/** Time as the provisioner sees it; tests move it by hand. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

/**
 * Retries `attempt` while it throws an error `retryable` accepts, with exponential backoff
 * (doubling from `initialDelayMs`, at most `maxDelayMs`), until `deadlineMs` from now has
 * passed; then the last error is thrown. `onRetry` hears of each wait, for the timeline.
 */
export async function retryUntilDeadline<T>(options: {
  attempt: () => Promise<T>;
  retryable: (error: unknown) => boolean;
  clock: Clock;
  deadlineMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  onRetry?: (error: unknown, attempt: number) => Promise<void> | void;
}): Promise<T> {
  const { clock } = options;
  const deadline = clock.now() + options.deadlineMs;
  let delay = options.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.attempt();
    } catch (error) {
      if (!options.retryable(error) || clock.now() + delay > deadline) {
        throw error;
      }
      await options.onRetry?.(error, attempt);
      await clock.sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}
