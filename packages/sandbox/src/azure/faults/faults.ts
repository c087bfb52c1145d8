import { randomUUID } from 'node:crypto';

export type Surface = 'arm' | 'entra' | 'dataplane';

/**
 * An injected fault. Matching requests get the fault instead of (or before)
 * their normal answer; `times` counts down so tests stay deterministic.
 */
export interface FaultRule {
  id: string;
  match: {
    surface?: Surface;
    method?: string;
    /** Case-insensitive substring of the normalised path. */
    pathContains?: string;
    /** Case-insensitive regular expression on the normalised path. */
    pathPattern?: string;
  };
  /** Answer with this status and ARM/OAuth-shaped error body. */
  status?: number;
  code?: string;
  message?: string;
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** Hold the request this long, then drop the connection (a timeout as clients see it). */
  timeoutMs?: number;
  /** Extra delay before the normal answer (no error). */
  delayMs?: number;
  /** How many matching requests to affect; unlimited when absent. */
  times?: number;
}

export type FaultInput = Omit<FaultRule, 'id'> & { id?: string };

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = { ...input, id: input.id ?? randomUUID() };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(r => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(r => ({ ...r }));
  }

  /** The first rule matching the request; consumes one of its `times`. */
  take(surface: Surface, method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(r => matches(r, surface, method, path));
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.remove(rule.id);
    }
    return rule;
  }
}

function matches(
  rule: FaultRule,
  surface: Surface,
  method: string,
  path: string,
): boolean {
  const m = rule.match;
  if (m.surface && m.surface !== surface) return false;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (
    m.pathContains &&
    !path.toLowerCase().includes(m.pathContains.toLowerCase())
  )
    return false;
  if (m.pathPattern && !new RegExp(m.pathPattern, 'i').test(path)) return false;
  return true;
}
