import { InventoryRow } from '@backstage-community/plugin-azure-workload-identity-common';

const COLUMNS: [string, (row: InventoryRow) => string][] = [
  ['component', r => r.entityRef],
  ['owner', r => r.owner ?? ''],
  ['cluster', r => r.cluster],
  ['namespace', r => r.namespace],
  ['service account', r => r.serviceAccount],
  ['identity', r => r.identity ?? ''],
  ['role', r => r.roleName],
  ['scope', r => r.scope],
  ['privileged', r => (r.privileged ? 'yes' : 'no')],
  ['broad scope', r => r.broadScope ?? ''],
  ['chain', r => r.chainState],
  ['worst finding', r => r.worstFinding?.ruleId ?? ''],
  ['checked at', r => r.checkedAt],
];

/** The rows as CSV (RFC 4180), with a header; cells that look like formulas are defused. */
export function inventoryCsv(rows: InventoryRow[]): string {
  const lines = [
    COLUMNS.map(([name]) => cell(name)).join(','),
    ...rows.map(row => COLUMNS.map(([, value]) => cell(value(row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string): string {
  // A spreadsheet would run a cell starting with = + - @ as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
