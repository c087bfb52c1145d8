import type { Environment } from '@marcbachmann/cel-js';

/*
 * The parts of Kubernetes' CEL environment that @marcbachmann/cel-js lacks and
 * that are cheap to add. Kubernetes' base environment lists its libraries in
 * k8s.io/apiserver/pkg/cel/environment/base.go; the function semantics follow
 * https://kubernetes.io/docs/reference/using-api/cel/ and cel-go's ext
 * package (strings v2, sets). What is left out is listed in README.md.
 */

/** Receiver for namespaced functions such as `sets.contains(...)` and `strings.quote(...)`. */
class SetsNamespace {}
class StringsNamespace {}

type Comparable = bigint | number | string | boolean;

function isNumeric(v: unknown): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

/** CEL equality at run time: numbers compare across int/double, lists and maps structurally. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Date && b instanceof Date)
    return a.getTime() === b.getTime();
  if (isPlainMap(a) && isPlainMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(k => k in b && celEquals(a[k], b[k]))
    );
  }
  return a === b;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(a: Comparable, b: Comparable): number {
  if (isNumeric(a) && isNumeric(b)) return Number(a) - Number(b);
  if (typeof a !== typeof b)
    throw new Error(`no such overload: ${typeof a} < ${typeof b}`);
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function extreme(list: Comparable[], name: string, sign: 1 | -1) {
  if (list.length === 0) throw new Error(`${name} called on empty list`);
  return list.reduce((best, x) => (compare(x, best) * sign > 0 ? x : best));
}

function indexOf(list: unknown[], value: unknown, fromEnd: boolean): bigint {
  const order = fromEnd ? [...list.keys()].reverse() : [...list.keys()];
  const found = order.find(i => celEquals(list[i], value));
  return BigInt(found ?? -1);
}

/** Go's strconv.Quote for the printable range, which is what strings.quote returns. */
function quote(s: string): string {
  const escapes: Record<string, string> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '\\': '\\\\',
    '"': '\\"',
  };
  return `"${[...s].map(c => escapes[c] ?? c).join('')}"`;
}

function replace(s: string, from: string, to: string, limit: bigint): string {
  if (limit < 0n) return s.split(from).join(to);
  let out = s;
  let at = 0;
  for (let n = 0n; n < limit; n++) {
    const i = out.indexOf(from, at);
    if (i < 0) break;
    out = out.slice(0, i) + to + out.slice(i + from.length);
    at = i + to.length + (from === '' ? 1 : 0);
  }
  return out;
}

/** Adds the strings, lists, regex and sets functions Kubernetes policies use. */
export function registerKubernetesLibraries(env: Environment): Environment {
  return (
    env
      // strings (cel-go ext.Strings version 2)
      .registerFunction(
        'string.charAt(int): string',
        (s: string, i: bigint) => {
          if (i < 0n || i > BigInt(s.length))
            throw new Error(`index out of range: ${i}`);
          return s.charAt(Number(i));
        },
      )
      .registerFunction(
        'string.replace(string, string): string',
        (s: string, a: string, b: string) => replace(s, a, b, -1n),
      )
      .registerFunction(
        'string.replace(string, string, int): string',
        (s: string, a: string, b: string, n: bigint) => replace(s, a, b, n),
      )
      .registerType('StringsNamespace', StringsNamespace)
      .registerConstant('strings', 'StringsNamespace', new StringsNamespace())
      .registerFunction(
        'StringsNamespace.quote(string): string',
        (_: StringsNamespace, s: string) => quote(s),
      )
      // lists (k8s.io/apiserver/pkg/cel/library/lists.go)
      .registerFunction('list.isSorted(): bool', (l: Comparable[]) =>
        l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0),
      )
      .registerFunction('list<int>.sum(): int', (l: bigint[]) =>
        l.reduce((a, b) => a + b, 0n),
      )
      .registerFunction('list<double>.sum(): double', (l: number[]) =>
        l.reduce((a, b) => a + b, 0),
      )
      .registerFunction('list.min(): dyn', (l: Comparable[]) =>
        extreme(l, 'min', -1),
      )
      .registerFunction('list.max(): dyn', (l: Comparable[]) =>
        extreme(l, 'max', 1),
      )
      .registerFunction('list<A>.indexOf(A): int', (l: unknown[], v: unknown) =>
        indexOf(l, v, false),
      )
      .registerFunction(
        'list<A>.lastIndexOf(A): int',
        (l: unknown[], v: unknown) => indexOf(l, v, true),
      )
      // regex (k8s.io/apiserver/pkg/cel/library/regex.go), with JavaScript's RegExp
      .registerFunction(
        'string.find(string): string',
        (s: string, re: string) => new RegExp(re).exec(s)?.[0] ?? '',
      )
      .registerFunction(
        'string.findAll(string): list<string>',
        (s: string, re: string) =>
          [...s.matchAll(new RegExp(re, 'g'))].map(m => m[0]),
      )
      .registerFunction(
        'string.findAll(string, int): list<string>',
        (s: string, re: string, n: bigint) => {
          const all = [...s.matchAll(new RegExp(re, 'g'))].map(m => m[0]);
          return n < 0n ? all : all.slice(0, Number(n));
        },
      )
      // sets (cel-go ext.Sets)
      .registerType('SetsNamespace', SetsNamespace)
      .registerConstant('sets', 'SetsNamespace', new SetsNamespace())
      .registerFunction(
        'SetsNamespace.contains(list, list): bool',
        (_: SetsNamespace, a: unknown[], b: unknown[]) =>
          b.every(x => a.some(y => celEquals(x, y))),
      )
      .registerFunction(
        'SetsNamespace.equivalent(list, list): bool',
        (_: SetsNamespace, a: unknown[], b: unknown[]) =>
          b.every(x => a.some(y => celEquals(x, y))) &&
          a.every(x => b.some(y => celEquals(x, y))),
      )
      .registerFunction(
        'SetsNamespace.intersects(list, list): bool',
        (_: SetsNamespace, a: unknown[], b: unknown[]) =>
          a.some(x => b.some(y => celEquals(x, y))),
      )
  );
}
