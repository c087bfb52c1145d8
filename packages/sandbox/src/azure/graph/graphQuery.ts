import { PrincipalRecord } from '../state/types';

/** Graph's ceiling for `$top` on directory objects; without it a page holds 100. */
const MAX_TOP = 999;
const DEFAULT_TOP = 100;

export type SpFilter = (p: PrincipalRecord) => boolean;

export class GraphQueryError extends Error {}

const literal = `'((?:[^']|'')*)'`;
const unquote = (s: string) => s.replace(/''/g, "'");
const same = (a: string | undefined, b: string) =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The `$filter` clauses clients send to `/servicePrincipals`: az resolves an assignee with
 * `servicePrincipalNames/any(c:c eq '…')`, other tools with `appId eq '…'`, `displayName eq
 * '…'`, `startswith(displayName,'…')` or `id eq '…'`
 * (https://learn.microsoft.com/graph/api/serviceprincipal-list?view=graph-rest-1.0).
 * Anything else is refused the way Graph refuses a clause it does not support.
 */
export function parseSpFilter(
  filter: string | null,
  appIdOf: (p: PrincipalRecord) => string,
): SpFilter {
  if (filter === null || !filter.trim()) return () => true;
  const f = filter.trim();
  const eq = new RegExp(
    `^(appId|displayName|id)\\s+eq\\s+${literal}$`,
    'i',
  ).exec(f);
  if (eq) {
    const value = unquote(eq[2]);
    const property = eq[1].toLowerCase();
    if (property === 'appid') return p => same(appIdOf(p), value);
    if (property === 'id') return p => same(p.objectId, value);
    return p => p.displayName === value;
  }
  const any = new RegExp(
    `^servicePrincipalNames/any\\(\\s*(\\w+)\\s*:\\s*(\\w+)\\s+eq\\s+${literal}\\s*\\)$`,
    'i',
  ).exec(f);
  if (any && any[1] === any[2]) {
    const value = unquote(any[3]);
    return p => same(appIdOf(p), value);
  }
  const starts = new RegExp(
    `^startswith\\(\\s*displayName\\s*,\\s*${literal}\\s*\\)$`,
    'i',
  ).exec(f);
  if (starts) {
    const prefix = unquote(starts[1]).toLowerCase();
    return p => p.displayName.toLowerCase().startsWith(prefix);
  }
  throw new GraphQueryError(
    `Unsupported or invalid query filter clause specified for resource 'ServicePrincipal': '${filter}'. The sandbox supports appId eq, displayName eq, id eq, startswith(displayName,…) and servicePrincipalNames/any(c:c eq …).`,
  );
}

/** `$select=a,b`: only those properties, plus the OData annotations. */
export function applySelect(
  body: Record<string, unknown>,
  select: string | null,
): Record<string, unknown> {
  if (!select?.trim()) return body;
  const wanted = new Set(
    select
      .split(',')
      .map(s => s.trim().toLowerCase())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(body).filter(
      ([k]) => k.startsWith('@odata.') || wanted.has(k.toLowerCase()),
    ),
  );
}

/**
 * One page: `$top` caps it, `$skiptoken` (an offset here, opaque to clients) says where it
 * starts, and `@odata.nextLink` carries both forward as Graph's does.
 */
export function graphPage<T>(
  items: T[],
  url: URL,
  origin: string,
): { items: T[]; nextLink?: string } {
  const top = url.searchParams.get('$top');
  const size = top === null ? DEFAULT_TOP : Number.parseInt(top, 10);
  if (!Number.isInteger(size) || size < 1 || size > MAX_TOP)
    throw new GraphQueryError(
      `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_TOP} inclusive.`,
    );
  const skip =
    Number.parseInt(url.searchParams.get('$skiptoken') ?? '0', 10) || 0;
  const slice = items.slice(skip, skip + size);
  if (skip + size >= items.length) return { items: slice };
  const next = new URLSearchParams(url.searchParams);
  next.set('$skiptoken', String(skip + size));
  return {
    items: slice,
    nextLink: `${origin}${url.pathname}?${next
      .toString()
      .replace(/%24/g, '$')}`,
  };
}
