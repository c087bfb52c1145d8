import { ruleTitle } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { StateChip } from '../shared/StateChip';
import { TextWithRefs } from '../shared/TextWithRefs';
import { AccessHeld } from './AccessHeld';
import { summarizeChain } from './chainSummary';
import { requestTemplateLink } from './requestTemplateLink';
import { EntityChainState } from './useEntityChain';
import { EntityRequestsState } from './useEntityRequests';
import { WorkloadRef } from './workloadRef';

export interface AzureAccessSummaryCardProps {
  entityName: string;
  entityRef: string;
  workload: WorkloadRef;
  chain?: EntityChainState;
  requests?: EntityRequestsState;
  /** Where the whole chain is shown: the entity's "Azure access" tab. */
  fullChainLink: string;
}

const STATE_WORDS = {
  ok: 'Works',
  broken: 'Broken',
  degraded: 'Needs attention',
  pending: 'Being set up',
  unknown: 'Unknown',
  none: 'No access',
} as const;

/**
 * The overview's summary of the component's Azure access: the chain in one line, the one
 * thing to fix first, what it can do in Azure, and the way to the whole chain.
 */
export function AzureAccessSummaryCard(props: AzureAccessSummaryCardProps) {
  const { entityName, chain, requests, fullChainLink } = props;
  const current = chain && 'chain' in chain ? chain.chain : undefined;
  const summary =
    current &&
    summarizeChain({
      entityName,
      chain: current,
      requests:
        requests && 'requests' in requests ? requests.requests : undefined,
    });
  const worst = summary?.worst;
  return (
    <InfoCard title="Azure access">
      <Box data-testid="awi-summary-card">
        {chain?.loading && !current && (
          <Progress aria-label="Reading the chain" />
        )}
        {chain && 'error' in chain && !current && (
          <Typography variant="body2" color="error">
            The chain could not be read: {chain.error}
          </Typography>
        )}
        {summary && (
          <Box display="flex" alignItems="flex-start" gridGap={8}>
            <StateChip
              state={summary.state}
              label={
                summary.kind === 'chain'
                  ? STATE_WORDS[summary.state]
                  : 'No access'
              }
            />
            <Typography
              variant="body1"
              data-testid="awi-summary-headline"
              data-state={summary.state}
            >
              {summary.headline}
            </Typography>
          </Box>
        )}
        {worst && (
          <Box marginTop={1.5} data-testid="awi-summary-worst">
            <Tooltip title={worst.ruleId}>
              <Typography variant="subtitle2">
                {ruleTitle(worst.ruleId, worst.title)}
              </Typography>
            </Tooltip>
            <Typography variant="body2">
              <TextWithRefs text={worst.message} />
            </Typography>
          </Box>
        )}
        {summary && summary.access.length > 0 && (
          <Box marginTop={1.5}>
            <AccessHeld
              access={summary.access}
              granting={summary.granting}
              max={4}
            />
          </Box>
        )}
        <Box marginTop={2} display="flex" flexWrap="wrap" gridGap={16}>
          <Link to={fullChainLink} data-testid="awi-summary-full-chain">
            See the whole chain
          </Link>
          {summary && summary.kind !== 'chain' && (
            <LinkButton
              to={requestTemplateLink(props.entityRef, props.workload)}
              variant="outlined"
              color="primary"
              size="small"
            >
              Request Azure access
            </LinkButton>
          )}
        </Box>
      </Box>
    </InfoCard>
  );
}
