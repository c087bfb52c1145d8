import { ThrottleOptions } from './realism';

interface Bucket {
  tokens: number;
  at: number;
}

export interface ThrottleDecision {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until a token is available again (ARM sends seconds). */
  retryAfterSeconds: number;
}

/**
 * ARM's token bucket per subscription and per kind (reads = GET/HEAD,
 * writes = the rest). The remaining count is what the
 * `x-ms-ratelimit-remaining-*` headers report.
 */
export class Throttle {
  private buckets = new Map<string, Bucket>();

  constructor(
    private options: ThrottleOptions | undefined,
    private readonly now: () => number,
  ) {}

  configure(options: ThrottleOptions | undefined): void {
    this.options = options;
    this.buckets.clear();
  }

  take(scopeKey: string, kind: 'reads' | 'writes'): ThrottleDecision {
    const opts = this.options?.[kind];
    if (!opts) return { allowed: true, remaining: 11999, retryAfterSeconds: 0 };
    const key = `${scopeKey}|${kind}`;
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: opts.capacity, at: t };
    bucket.tokens = Math.min(
      opts.capacity,
      bucket.tokens + ((t - bucket.at) / 1000) * opts.refillPerSecond,
    );
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return {
        allowed: true,
        remaining: Math.floor(bucket.tokens),
        retryAfterSeconds: 0,
      };
    }
    const waitSeconds = (1 - bucket.tokens) / opts.refillPerSecond;
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)),
    };
  }
}
