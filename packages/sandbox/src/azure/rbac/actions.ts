import { Permission } from '../state/types';

const patternCache = new Map<string, RegExp>();

/**
 * Azure action patterns: case-insensitive, `*` matches any run of characters
 * including `/` (so `Microsoft.ServiceBus/* /send/action` covers queues and topics).
 */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

/** A permission block grants an action when some entry allows it and no "not" entry removes it. */
export function permissionGrants(
  permission: Permission,
  action: string,
  kind: 'control' | 'data',
): boolean {
  const allow =
    kind === 'control' ? permission.actions : permission.dataActions;
  const deny =
    kind === 'control' ? permission.notActions : permission.notDataActions;
  return (
    allow.some(p => actionMatches(p, action)) &&
    !deny.some(p => actionMatches(p, action))
  );
}
