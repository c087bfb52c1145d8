import { badRequest } from './status';
import { KubeObject } from '../types';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

/** Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h` (kubectl `-l`). */
export function parseLabelSelector(
  text: string | null | undefined,
): Requirement[] {
  if (!text) return [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map(p => p.trim())
    .filter(Boolean)
    .map(parseRequirement);
}

function parseRequirement(part: string): Requirement {
  let m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (m)
    return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
  if (m)
    return {
      key: m[1],
      op: m[2] as 'in' | 'notin',
      values: m[3].split(',').map(v => v.trim()),
    };
  m = /^!(\S+)$/.exec(part);
  if (m) return { key: m[1], op: 'notexists' };
  if (/^\S+$/.test(part)) return { key: part, op: 'exists' };
  throw badRequest(`unable to parse requirement: ${part}`);
}

/** `metav1.LabelSelector` (matchLabels + matchExpressions) as requirements. */
export function fromLabelSelector(selector: any): Requirement[] {
  if (!selector) return [];
  const reqs: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]) => ({
      key,
      op: 'in' as const,
      values: [String(value)],
    }),
  );
  for (const e of selector.matchExpressions ?? []) {
    const op = String(e.operator).toLowerCase();
    if (op === 'in' || op === 'notin')
      reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'doesnotexist') reqs.push({ key: e.key, op: 'notexists' });
  }
  return reqs;
}

export function matchesLabels(
  labels: Record<string, string> | undefined,
  reqs: Requirement[],
): boolean {
  const l = labels ?? {};
  return reqs.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      default:
        return false;
    }
  });
}

/** Whether labels satisfy a `metav1.LabelSelector`; an absent selector matches everything. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: unknown,
): boolean {
  return matchesLabels(labels, fromLabelSelector(selector));
}

/** `metadata.name=x,involvedObject.uid=y,status.phase!=Running` (kubectl `--field-selector`). */
export function matchesFields(
  object: KubeObject,
  text: string | null | undefined,
): boolean {
  if (!text) return true;
  return text
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)
    .every(part => {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m)
        throw badRequest(
          `invalid selector: '${text}'; can't understand '${part}'`,
        );
      const actual = m[1]
        .split('.')
        .reduce<any>(
          (v, k) => (v === null || v === undefined ? undefined : v[k]),
          object,
        );
      const equal = String(actual ?? '') === m[3];
      return m[2] === '!=' ? !equal : equal;
    });
}
