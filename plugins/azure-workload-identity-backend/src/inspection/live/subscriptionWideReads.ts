import { RoleAssignment } from '../azureTypes';
import { RoleReads } from '../ports';

/**
 * The role assignment reads of a fleet scan: each subscription's assignments listed once and
 * filtered here, by principal or by the target they are at or above, instead of once per
 * identity and per target.
 */
export function subscriptionWideReads<T extends RoleReads>(client: T): T {
  const lists = new Map<string, Promise<RoleAssignment[]>>();
  const all = (subscriptionId: string) => {
    const key = subscriptionId.toLowerCase();
    let list = lists.get(key);
    if (!list) {
      list = client.listAllRoleAssignments(subscriptionId);
      lists.set(key, list);
    }
    return list;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      switch (property) {
        case 'listRoleAssignments':
          return async (options: {
            principalId: string;
            subscriptionIds: string[];
          }) => {
            const principal = options.principalId.toLowerCase();
            const byId = new Map<string, RoleAssignment>();
            for (const sub of new Set(
              options.subscriptionIds.map(s => s.toLowerCase()),
            )) {
              for (const a of await all(sub)) {
                if (a.properties.principalId.toLowerCase() === principal) {
                  byId.set(a.id.toLowerCase(), a);
                }
              }
            }
            return [...byId.values()];
          };
        case 'listAssignmentsAtScope':
          return async (scope: string) => {
            const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
            if (!sub) return target.listAssignmentsAtScope(scope);
            const at = scope.toLowerCase().replace(/\/+$/, '');
            return (await all(sub)).filter(a => {
              const s = a.properties.scope.toLowerCase().replace(/\/+$/, '');
              return (
                s === at ||
                at.startsWith(`${s}/`) ||
                s.startsWith('/providers/microsoft.management/')
              );
            });
          };
        default:
          return Reflect.get(target, property, receiver);
      }
    },
  });
}
