import {
  InfoCard,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { worstLinkState } from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ChainLinks } from './ChainLinks';
import { RequestList } from './RequestList';
import { requestTemplateLink } from './requestTemplateLink';
import { EntityChainState } from './useEntityChain';
import { EntityRequestsState } from './useEntityRequests';
import { WorkloadRef } from './workloadRef';

export interface IdentityCardProps {
  entityName: string;
  entityRef: string;
  workload: WorkloadRef;
  /** The component's live chain, or how reading it went; absent before it is asked for. */
  chain?: EntityChainState;
  onRefresh?: () => void;
  /** The component's requests, or how reading them went. */
  requests?: EntityRequestsState;
}

const SUMMARY = {
  ok: 'Every link of the chain works.',
  broken:
    'The chain is broken: its Azure calls fail until the first problem below is fixed.',
  degraded: 'The chain works, with something to tidy up.',
  pending: 'The chain is being set up; some links are not in effect yet.',
  unknown: 'Part of the chain could not be read, so it is not known to work.',
};

/**
 * The identity card: the component's live chain link by link with its problems, the
 * component's requests, and a way to ask for access.
 */
export function IdentityCard(props: IdentityCardProps) {
  const { entityName, entityRef, workload, chain, requests } = props;
  const selector = workload.kubernetesId
    ? `backstage.io/kubernetes-id=${workload.kubernetesId}`
    : workload.labelSelector;
  const current = chain && 'chain' in chain ? chain.chain : undefined;
  const usesIdentity = current?.bindings.some(b => b.usesWorkloadIdentity);
  const overall = current && worstLinkState(Object.values(current.links));

  return (
    <InfoCard
      title="Azure workload identity"
      subheader={
        current
          ? `Checked ${new Date(current.checkedAt).toLocaleString()}`
          : undefined
      }
      action={
        props.onRefresh && (
          <Button
            onClick={props.onRefresh}
            disabled={chain?.loading}
            aria-label="Check the chain again"
          >
            Refresh
          </Button>
        )
      }
    >
      {!selector && (
        <Typography variant="body2" paragraph data-testid="awi-workload">
          {entityName} names no workload: add the annotation{' '}
          <code>backstage.io/kubernetes-id</code> to its catalog-info.yaml.
        </Typography>
      )}
      {chain?.loading && <Progress aria-label="Reading the chain" />}
      {chain && 'error' in chain && (
        <WarningPanel
          severity="error"
          title="The chain could not be read"
          message={chain.error}
        />
      )}
      {current && !usesIdentity && (
        <Typography variant="body1" paragraph data-testid="awi-no-identity">
          {entityName} has no Azure access through workload identity yet
          {selector ? (
            <>
              {' '}
              (its workloads are labelled <code>{selector}</code>)
            </>
          ) : null}
          . Request it below: the portal creates the identity, its federated
          credential and least-privilege roles.
        </Typography>
      )}
      {current && usesIdentity && overall && (
        <>
          <Typography
            variant="body1"
            paragraph
            data-testid="awi-chain-summary"
            data-state={overall}
          >
            {SUMMARY[overall]}
          </Typography>
          <ChainLinks chain={current} />
        </>
      )}
      {requests ? (
        <Box marginTop={2}>
          <Typography variant="h6">Requests for Azure access</Typography>
          {requests.loading && (
            <Typography variant="body2">Reading requests…</Typography>
          )}
          {!requests.loading && 'error' in requests && (
            <Typography variant="body2" color="error">
              Could not read the requests: {requests.error}
            </Typography>
          )}
          {!requests.loading && 'requests' in requests && (
            <RequestList requests={requests.requests} />
          )}
        </Box>
      ) : null}
      <Box marginTop={2}>
        <LinkButton
          to={requestTemplateLink(entityRef, workload)}
          variant="outlined"
          color="primary"
        >
          Request Azure access
        </LinkButton>
      </Box>
    </InfoCard>
  );
}
