/**
 * A JSON value as CEL sees it. Kubernetes types object fields from their
 * OpenAPI schema; the twin has no schemas, so it types by the JSON value
 * itself: whole numbers are `int` (BigInt), other numbers `double`, and
 * strings stay strings (also where a schema would say date-time or quantity).
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toCelValue(v);
    }
    return out;
  }
  return value;
}

/** The CEL type name of a result, for messages that name it. */
export function celTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null_type';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'google.protobuf.Timestamp';
  return 'map';
}
