import { armError } from './armErrors';

/** What a `$filter` of the resources list can look at. */
export interface FilterableResource {
  name: string;
  type: string;
  resourceGroup: string;
  location?: string;
  tags?: Record<string, string>;
}

export interface ResourceFilter {
  matches(resource: FilterableResource): boolean;
  /** Tag filters: ARM then leaves the resources' tags out of the answer. */
  byTag: boolean;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: '(' | ')' | ',' };

type Clause =
  | { op: 'eq' | 'ne'; field: string; value: string }
  | { op: 'substringof'; field: string; value: string }
  | { op: 'startswith'; field: 'tagname'; value: string };

const EQ_FIELDS = new Set([
  'location',
  'resourcetype',
  'name',
  'resourcegroup',
  'tagname',
  'tagvalue',
]);
const SUBSTRING_FIELDS = new Set(['name', 'resourcegroup']);
const TAG_FIELDS = new Set(['tagname', 'tagvalue']);

/**
 * The `$filter` of Resources_List / Resources_ListByResourceGroup
 * (Microsoft.Resources/stable/2021-04-01/resources.json): `eq` and `ne` on
 * location, resourceType, name and resourceGroup; `substringof(value, name|resourceGroup)`;
 * `tagName eq '…' [and tagValue eq '…']` or `startswith(tagName, '…')`, which ARM does
 * not combine with anything else; clauses joined by `and`. Values compare
 * case-insensitively, as ARM compares names and types. Anything else is ARM's
 * 400 InvalidFilterInQueryString.
 */
export function parseResourceFilter(filter: string | null): ResourceFilter {
  if (filter === null || filter.trim() === '')
    return { matches: () => true, byTag: false };
  const clauses = parseClauses(filter);
  const tagClauses = clauses.filter(c => TAG_FIELDS.has(c.field));
  if (tagClauses.length > 0 && tagClauses.length !== clauses.length)
    invalid(
      filter,
      'Tag filters (tagName, tagValue) cannot be combined with other properties.',
    );
  const tagName = tagClauses.find(c => c.field === 'tagname');
  if (tagClauses.some(c => c.field === 'tagvalue') && tagName?.op !== 'eq')
    invalid(filter, "tagValue needs a tagName eq '…' beside it.");
  return {
    byTag: tagClauses.length > 0,
    matches: resource =>
      tagName
        ? matchesTags(tagClauses, resource.tags ?? {})
        : clauses.every(c => matchesClause(c, resource)),
  };
}

function matchesClause(c: Clause, r: FilterableResource): boolean {
  const actual = fieldValue(c.field, r);
  const value = normalise(c.field, c.value);
  switch (c.op) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'substringof':
      return actual.includes(value);
    default:
      return false;
  }
}

function matchesTags(clauses: Clause[], tags: Record<string, string>): boolean {
  return Object.entries(tags).some(([key, value]) =>
    clauses.every(c => {
      const wanted = c.value.toLowerCase();
      if (c.op === 'startswith') return key.toLowerCase().startsWith(wanted);
      const actual = (c.field === 'tagname' ? key : value).toLowerCase();
      return c.op === 'ne' ? actual !== wanted : actual === wanted;
    }),
  );
}

function fieldValue(field: string, r: FilterableResource): string {
  switch (field) {
    case 'location':
      return normalise(field, r.location ?? '');
    case 'resourcetype':
      return r.type.toLowerCase();
    case 'name':
      return r.name.toLowerCase();
    default:
      return r.resourceGroup.toLowerCase();
  }
}

/** `West Europe` and `westeurope` are one location to ARM. */
function normalise(field: string, value: string): string {
  const lower = value.toLowerCase();
  return field === 'location' ? lower.replace(/\s+/g, '') : lower;
}

function parseClauses(filter: string): Clause[] {
  const tokens = tokenize(filter);
  const clauses: Clause[] = [];
  let i = 0;
  const next = () => tokens[i++];
  const expect = (kind: Token['kind']) => {
    const t = next();
    if (t?.kind !== kind) invalid(filter, `Expected '${kind}'.`);
    return t;
  };
  const word = () => {
    const t = next();
    if (t?.kind !== 'word') invalid(filter, 'Expected a property name.');
    return t.text.toLowerCase();
  };
  const literal = () => {
    const t = next();
    if (t?.kind !== 'string') invalid(filter, 'Expected a quoted value.');
    return t.text;
  };
  for (;;) {
    const head = word();
    if (head === 'substringof') {
      expect('(');
      const value = literal();
      expect(',');
      const field = word();
      expect(')');
      if (!SUBSTRING_FIELDS.has(field))
        invalid(filter, 'substringof() works on name and resourceGroup only.');
      clauses.push({ op: 'substringof', field, value });
    } else if (head === 'startswith') {
      expect('(');
      const field = word();
      expect(',');
      const value = literal();
      expect(')');
      if (field !== 'tagname')
        invalid(filter, 'startswith() works on tagName only.');
      clauses.push({ op: 'startswith', field, value });
    } else {
      if (!EQ_FIELDS.has(head))
        invalid(
          filter,
          'Filter on location, resourceType, name, resourceGroup, tagName or tagValue.',
        );
      const op = word();
      if (op !== 'eq' && op !== 'ne')
        invalid(filter, "Compare with 'eq' or 'ne'.");
      clauses.push({ op, field: head, value: literal() });
    }
    if (i === tokens.length) return clauses;
    const joiner = word();
    if (joiner !== 'and')
      invalid(filter, "Join conditions with 'and'; 'or' is not supported.");
  }
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c as '(' | ')' | ',' });
      i++;
    } else if (c === "'") {
      // OData escapes a quote inside a literal by doubling it.
      let text = '';
      i++;
      for (;;) {
        if (i >= filter.length)
          invalid(filter, 'A quoted value is not closed.');
        if (filter[i] === "'") {
          if (filter[i + 1] !== "'") break;
          i++;
        }
        text += filter[i++];
      }
      i++;
      tokens.push({ kind: 'string', text });
    } else {
      const m = /^[A-Za-z][\w/]*/.exec(filter.slice(i));
      if (!m) invalid(filter, `Unexpected '${c}'.`);
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** ARM's answer to a filter it cannot apply (as quoted in Azure/azure-sdk-for-net#18748), plus a hint. */
function invalid(filter: string, hint: string): never {
  return armError(
    400,
    'InvalidFilterInQueryString',
    `Invalid $filter '${filter}' specified in the query string. ${hint}`,
  );
}
