import { Table, TableColumn } from '@backstage/core-components';
import { InventoryRow } from '@internal/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useMemo, useState } from 'react';
import { inventoryCsv } from './inventoryCsv';

type FilterKey = 'owner' | 'cluster' | 'roleName' | 'chainState';

const FILTERS: { key: FilterKey; label: string }[] = [
  { key: 'owner', label: 'Owner' },
  { key: 'cluster', label: 'Cluster' },
  { key: 'roleName', label: 'Role' },
  { key: 'chainState', label: 'State' },
];

const columns: TableColumn<InventoryRow>[] = [
  { title: 'Component', field: 'entityRef' },
  { title: 'Owner', field: 'owner' },
  { title: 'Cluster', field: 'cluster' },
  { title: 'Identity', field: 'identity' },
  {
    title: 'Role',
    field: 'roleName',
    render: row => (
      <>
        {row.roleName}{' '}
        {row.privileged && (
          <Chip size="small" color="secondary" label="Privileged" />
        )}
      </>
    ),
  },
  {
    title: 'Scope',
    field: 'scope',
    render: row => (
      <>
        <code>{row.scope.split('/').pop() || row.scope}</code>{' '}
        {row.broadScope && (
          <Chip
            size="small"
            color="secondary"
            label={`Whole ${row.broadScope}`}
          />
        )}
      </>
    ),
  },
  {
    title: 'Chain',
    field: 'chainState',
    render: row => (
      <Chip
        size="small"
        variant={row.chainState === 'ok' ? 'outlined' : 'default'}
        color={row.chainState === 'ok' ? 'primary' : 'secondary'}
        label={row.chainState}
      />
    ),
  },
  {
    title: 'Worst finding',
    field: 'worstFinding.ruleId',
    render: row => row.worstFinding?.ruleId ?? '—',
  },
];

/**
 * The fleet's roles, one row per role on a scope: filterable by owner, cluster, role and
 * state; privileged roles and broad scopes stand out; what is shown exports as CSV.
 */
export function InventoryTable(props: { rows: InventoryRow[] }) {
  const [filters, setFilters] = useState<Partial<Record<FilterKey, string>>>(
    {},
  );
  const options = useMemo(
    () =>
      Object.fromEntries(
        FILTERS.map(({ key }) => [
          key,
          [...new Set(props.rows.map(r => r[key] ?? ''))]
            .filter(Boolean)
            .sort(),
        ]),
      ) as Record<FilterKey, string[]>,
    [props.rows],
  );
  const shown = props.rows.filter(row =>
    FILTERS.every(
      ({ key }) => !filters[key] || (row[key] ?? '') === filters[key],
    ),
  );

  const download = () => {
    const url = URL.createObjectURL(
      new Blob([inventoryCsv(shown)], { type: 'text/csv' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'azure-workload-identity-inventory.csv';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <Box display="flex" flexWrap="wrap" gridGap={16} marginBottom={2}>
        {FILTERS.map(({ key, label }) => (
          <TextField
            key={key}
            id={`awi-inventory-filter-${key}`}
            select
            label={label}
            variant="outlined"
            size="small"
            style={{ minWidth: 180 }}
            value={filters[key] ?? ''}
            onChange={event =>
              setFilters({ ...filters, [key]: event.target.value || undefined })
            }
          >
            <MenuItem value="">All</MenuItem>
            {options[key].map(value => (
              <MenuItem key={value} value={value}>
                {value}
              </MenuItem>
            ))}
          </TextField>
        ))}
        <Button variant="outlined" onClick={download}>
          Export CSV
        </Button>
      </Box>
      <Table<InventoryRow>
        title={`${shown.length} of ${props.rows.length} role assignments`}
        options={{ paging: false, search: true, padding: 'dense' }}
        columns={columns}
        data={shown}
      />
    </>
  );
}
