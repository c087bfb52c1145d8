import { Table } from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AccessRequestRecord,
  InventoryRow,
  LinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useMemo } from 'react';
import { CHAIN_STATE_WORDS, inventoryColumns } from './inventoryColumns';
import { inventoryCsv } from './inventoryCsv';
import {
  FilterKey,
  FILTERS,
  filterOptions,
  filterRows,
} from './inventoryFilters';
import { requestOfRow } from './requestOfRow';
import { useInventoryFilters } from './useInventoryFilters';

/** A filter choice as a person reads it; the page's address keeps the value itself. */
function choiceLabel(key: FilterKey, value: string): string {
  if (key === 'chainState') {
    return CHAIN_STATE_WORDS[value as LinkState] ?? value;
  }
  if (key === 'owner') {
    try {
      return humanizeEntityRef(parseEntityRef(value), { defaultKind: 'group' });
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * The fleet's roles, one row per role on a scope: filterable by owner, cluster, role and
 * state and searchable, the filters kept in the page's address; privileged roles and broad
 * scopes stand out; the count and the CSV export are of the rows shown.
 */
export function InventoryTable(props: {
  rows: InventoryRow[];
  /** Active requests, newest first, so rows they granted link to them. */
  requests?: AccessRequestRecord[];
}) {
  const { rows, requests } = props;
  const [filters, setFilters] = useInventoryFilters();
  const options = useMemo(() => filterOptions(rows), [rows]);
  const shown = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const columns = useMemo(
    () => inventoryColumns(row => requestOfRow(row, requests ?? [])),
    [requests],
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
        {FILTERS.map(({ key, label }) => {
          const value = filters.fields[key] ?? '';
          // A value from an old link that no row holds any more is still shown as chosen.
          const choices =
            value && !options[key].includes(value)
              ? [...options[key], value]
              : options[key];
          return (
            <TextField
              key={key}
              id={`awi-inventory-filter-${key}`}
              select
              label={label}
              variant="outlined"
              size="small"
              style={{ minWidth: 180 }}
              value={value}
              onChange={event =>
                setFilters({
                  ...filters,
                  fields: {
                    ...filters.fields,
                    [key]: event.target.value || undefined,
                  },
                })
              }
            >
              <MenuItem value="">All</MenuItem>
              {choices.map(choice => (
                <MenuItem key={choice} value={choice}>
                  {choiceLabel(key, choice)}
                </MenuItem>
              ))}
            </TextField>
          );
        })}
        <TextField
          id="awi-inventory-search"
          label="Search"
          variant="outlined"
          size="small"
          type="search"
          style={{ minWidth: 220 }}
          value={filters.search}
          onChange={event =>
            setFilters({ ...filters, search: event.target.value })
          }
        />
        <Button variant="outlined" onClick={download}>
          Export CSV
        </Button>
      </Box>
      <Table<InventoryRow>
        title={`${shown.length} of ${rows.length} role assignments`}
        // The search above filters what is counted and exported; the table's own would not.
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={shown}
      />
    </>
  );
}
