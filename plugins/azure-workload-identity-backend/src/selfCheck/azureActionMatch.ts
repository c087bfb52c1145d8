/** One entry of ARM's "permissions" answer: what the caller's role assignments allow there. */
export interface AzurePermission {
  actions?: string[];
  notActions?: string[];
}

// ARM matches actions case-insensitively, with `*` standing for any run of characters.
function matches(pattern: string, action: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`).test(action.toLowerCase());
}

/**
 * Whether the caller may perform `action`: some permission entry lists it among its actions
 * and does not take it back in its own notActions (entries are role assignments, and a
 * notAction of one role does not cancel another role's grant).
 */
export function permits(
  permissions: AzurePermission[],
  action: string,
): boolean {
  return permissions.some(
    p =>
      (p.actions ?? []).some(a => matches(a, action)) &&
      !(p.notActions ?? []).some(a => matches(a, action)),
  );
}
