/**
 * Plain JSON of an SDK object: dates as ISO strings, no class instances, no undefined fields.
 * Inspection snapshots are cached and compared, so nothing of an SDK's model may remain.
 */
export function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
