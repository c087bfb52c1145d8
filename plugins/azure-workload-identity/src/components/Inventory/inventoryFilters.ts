import { InventoryRow } from '@backstage-community/plugin-azure-workload-identity-common';

/** The row fields the inventory filters by, each with its name in the page's address. */
export const FILTERS = [
  { key: 'owner', param: 'owner', label: 'Owner' },
  { key: 'cluster', param: 'cluster', label: 'Cluster' },
  { key: 'roleName', param: 'role', label: 'Role' },
  { key: 'chainState', param: 'state', label: 'State' },
] as const;

export type FilterKey = (typeof FILTERS)[number]['key'];

/** What the inventory shows: one value per filter, and words to search for. */
export interface InventoryFilters {
  fields: Partial<Record<FilterKey, string>>;
  search: string;
}

/** The search words' name in the page's address. */
export const SEARCH_PARAM = 'q';

/**
 * The filters a page address names: a reloaded or shared inventory shows what it showed.
 * Unknown parameters are ignored.
 */
export function filtersFromSearch(params: URLSearchParams): InventoryFilters {
  const fields: InventoryFilters['fields'] = {};
  for (const { key, param } of FILTERS) {
    const value = params.get(param);
    if (value) fields[key] = value;
  }
  return { fields, search: params.get(SEARCH_PARAM) ?? '' };
}

/** The filters as page-address parameters; what is not filtered is left out. */
export function filtersToSearch(filters: InventoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const { key, param } of FILTERS) {
    const value = filters.fields[key];
    if (value) params.set(param, value);
  }
  if (filters.search.trim()) params.set(SEARCH_PARAM, filters.search);
  return params;
}

/** What a search looks in: every column a person reads, and the CSV's other columns. */
function searchable(row: InventoryRow): string {
  return [
    row.entityRef,
    row.owner,
    row.cluster,
    row.namespace,
    row.serviceAccount,
    row.identity,
    row.roleName,
    row.scope,
    row.chainState,
    row.broadScope,
    row.worstFinding?.ruleId,
    row.worstFinding?.message,
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase('en-US');
}

/**
 * The rows the filters let through: every field filter must match exactly, and every word of
 * the search must appear somewhere in the row (case does not matter).
 */
export function filterRows(
  rows: InventoryRow[],
  filters: InventoryFilters,
): InventoryRow[] {
  const words = filters.search
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean);
  return rows.filter(row => {
    const fieldsMatch = FILTERS.every(
      ({ key }) =>
        !filters.fields[key] || (row[key] ?? '') === filters.fields[key],
    );
    if (!fieldsMatch) return false;
    if (words.length === 0) return true;
    const text = searchable(row);
    return words.every(word => text.includes(word));
  });
}

/** Each filter's choices: the values the rows hold, sorted. */
export function filterOptions(
  rows: InventoryRow[],
): Record<FilterKey, string[]> {
  return Object.fromEntries(
    FILTERS.map(({ key }) => [
      key,
      [...new Set(rows.map(r => r[key] ?? ''))].filter(Boolean).sort(),
    ]),
  ) as Record<FilterKey, string[]>;
}
