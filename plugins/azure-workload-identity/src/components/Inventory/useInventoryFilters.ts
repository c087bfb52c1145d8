import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersFromSearch,
  filtersToSearch,
  InventoryFilters,
} from './inventoryFilters';

/**
 * The inventory's filters, kept in the page's address: a reload, the back button or a shared
 * link shows the same rows. Changing a filter replaces the history entry rather than adding
 * one per keystroke of the search.
 */
export function useInventoryFilters(): [
  InventoryFilters,
  (next: InventoryFilters) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const setFilters = useCallback(
    (next: InventoryFilters) =>
      setParams(filtersToSearch(next), { replace: true }),
    [setParams],
  );
  return [filters, setFilters];
}
