/**
 * A client whose calls with equal arguments share one answer: within one fleet scan the
 * cluster, its webhook, a namespace's service accounts or a subscription's identities are
 * read once however many components need them. Dates in the arguments do not tell calls apart.
 */
export function sharedReads<T extends object>(
  client: T,
  name: string,
  memo: Map<string, Promise<unknown>>,
): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'constructor') {
        return value;
      }
      return (...args: unknown[]) => {
        const key = `${name}.${String(property)}(${JSON.stringify(
          args,
          (_k, v) =>
            typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? 'date' : v,
        )})`;
        let answer = memo.get(key);
        if (!answer) {
          answer = Promise.resolve(value.apply(target, args));
          memo.set(key, answer);
        }
        return answer;
      };
    },
  });
}
