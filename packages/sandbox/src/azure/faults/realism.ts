/**
 * How unlike a perfect server the twin behaves. Every knob is deterministic:
 * fixed delays, counted faults, token buckets driven by the twin's clock.
 */
export interface RealismOptions {
  /** Added before every answer (ARM, Entra and data plane). */
  latencyMs: number;
  /** A new identity's principal is unknown to role-assignment writes for this long. */
  principalReplicationDelayMs: number;
  /** A new or changed FIC is honoured by the token endpoint only after this long. */
  ficPropagationDelayMs: number;
  /**
   * How long one FIC write (PUT/DELETE) keeps its identity busy. A second
   * write to the same identity inside this window gets the concurrent-write 409.
   */
  ficWriteDurationMs: number;
  /** Items per page for every ARM list. */
  pageSize: number;
  /** ARM request budget per subscription; `undefined` = never throttle. */
  throttle?: ThrottleOptions;
}

export interface ThrottleOptions {
  reads: { capacity: number; refillPerSecond: number };
  writes: { capacity: number; refillPerSecond: number };
}

/** Defaults for interactive use: noticeable, but short enough not to annoy. */
export const DEFAULT_REALISM: RealismOptions = {
  latencyMs: 0,
  principalReplicationDelayMs: 5_000,
  ficPropagationDelayMs: 5_000,
  ficWriteDurationMs: 200,
  pageSize: 100,
  // Azure's published token-bucket figures for a subscription.
  throttle: {
    reads: { capacity: 250, refillPerSecond: 25 },
    writes: { capacity: 200, refillPerSecond: 10 },
  },
};

export function resolveRealism(
  partial?: Partial<RealismOptions>,
): RealismOptions {
  return { ...DEFAULT_REALISM, ...partial };
}
