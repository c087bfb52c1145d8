import { ArmRequest } from './armRequest';

/**
 * One page of a list. `$skiptoken` is an offset, `$top` caps the page. The
 * nextLink is absolute and carries every query parameter, api-version
 * included, because autorest's `*Next` calls send it verbatim.
 */
export function page<T>(
  arm: ArmRequest,
  items: T[],
  render: (item: T) => unknown,
): { value: unknown[]; nextLink?: string } {
  const skip = Math.max(
    0,
    Number.parseInt(arm.query.get('$skiptoken') ?? '0', 10) || 0,
  );
  const top = Number.parseInt(arm.query.get('$top') ?? '', 10);
  const size =
    Number.isFinite(top) && top > 0
      ? Math.min(top, arm.ctx.realism.pageSize)
      : arm.ctx.realism.pageSize;
  const slice = items.slice(skip, skip + size);
  const result: { value: unknown[]; nextLink?: string } = {
    value: slice.map(render),
  };
  if (skip + size < items.length) {
    const next = new URLSearchParams(arm.query);
    next.set('$skiptoken', String(skip + size));
    // Keep `$` readable as ARM does; URLSearchParams would escape it.
    result.nextLink = `${arm.origin}${arm.path}?${next
      .toString()
      .replace(/%24/g, '$')}`;
  }
  return result;
}
