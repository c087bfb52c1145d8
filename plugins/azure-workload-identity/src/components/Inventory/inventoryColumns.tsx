import { Link, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AccessRequestRecord,
  InventoryRow,
  LinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { StateChip } from '../shared/StateChip';

/** A chain's state in words, for the chips and the State filter's choices. */
export const CHAIN_STATE_WORDS: Record<LinkState, string> = {
  ok: 'OK',
  broken: 'Broken',
  degraded: 'Needs attention',
  pending: 'Pending',
  unknown: 'Unknown',
  none: 'No chain',
};

/** A user's name as the catalog spells it, from their entity ref. */
function userName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * The inventory's columns. The component links to its catalog page (its namespace and service
 * account beneath), the owner to theirs, and a row granted by a request to that request's page.
 */
export function inventoryColumns(
  requestOf: (row: InventoryRow) => AccessRequestRecord | undefined,
): TableColumn<InventoryRow>[] {
  return [
    {
      title: 'Component',
      field: 'entityRef',
      render: row => (
        <>
          <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
          <Typography variant="caption" color="textSecondary" component="div">
            {row.namespace}/{row.serviceAccount}
          </Typography>
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '—'
        ),
    },
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
        <StateChip
          state={row.chainState}
          label={CHAIN_STATE_WORDS[row.chainState]}
        />
      ),
    },
    {
      title: 'Worst finding',
      field: 'worstFinding.ruleId',
      render: row => row.worstFinding?.ruleId ?? '—',
    },
    {
      title: 'Granted by',
      sorting: false,
      render: row => {
        const request = requestOf(row);
        return request ? (
          <Link
            to={`/azure-workload-identity/requests/${request.id}`}
            title={`Request ${request.id}`}
          >
            Request by {userName(request.requestedBy)}
          </Link>
        ) : (
          '—'
        );
      },
    },
  ];
}
