import { createHash } from 'node:crypto';
import { PlanStep } from './Plan';

/**
 * JSON with object keys sorted at every depth, so the same steps always serialize to the same
 * bytes whatever order their properties were built in. Array order is kept: step order matters.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter(key => record[key] !== undefined)
        .sort()
        .map(key => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/**
 * The hash an approval binds to. It covers what the steps do and leaves out their `why`
 * prose, so rewording an explanation in a release does not void every pending approval.
 */
export function computePlanHash(steps: PlanStep[]): string {
  const substance = steps.map(({ why: _why, ...step }) => step);
  return `sha256:${createHash('sha256')
    .update(canonicalJson(substance))
    .digest('hex')}`;
}
