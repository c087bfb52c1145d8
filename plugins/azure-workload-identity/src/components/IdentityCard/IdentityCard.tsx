import {
  InfoCard,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { AccessHeld } from './AccessHeld';
import { ChainLinks } from './ChainLinks';
import { summarizeChain } from './chainSummary';
import { FindingView } from './FindingView';
import { GuardrailList } from './GuardrailList';
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

/** The workload selector the card names: the Kubernetes plugin's id, else its label selector. */
export function selectorOf(workload: WorkloadRef): string | undefined {
  return workload.kubernetesId
    ? `backstage.io/kubernetes-id=${workload.kubernetesId}`
    : workload.labelSelector;
}

/**
 * The identity card: how the component's Azure access stands, its live chain link by link
 * with its problems, the access it holds, its requests, and a way to ask for access.
 */
export function IdentityCard(props: IdentityCardProps) {
  const { entityName, entityRef, workload, chain, requests } = props;
  const selector = selectorOf(workload);
  const current = chain && 'chain' in chain ? chain.chain : undefined;
  const summary =
    current &&
    summarizeChain({
      entityName,
      chain: current,
      requests:
        requests && 'requests' in requests ? requests.requests : undefined,
    });
  const loose = current?.findings.filter(f => !f.maskedBy) ?? [];

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
      {summary && (
        <Typography
          variant="body1"
          paragraph
          data-testid="awi-chain-summary"
          data-state={summary.state}
          data-kind={summary.kind}
        >
          {summary.headline}
        </Typography>
      )}
      {summary?.kind === 'no-access' && (
        <Typography variant="body2" paragraph data-testid="awi-no-identity">
          {selector ? (
            <>
              Its workloads are labelled <code>{selector}</code>.{' '}
            </>
          ) : null}
          Request access below: the portal creates the identity, its federated
          credential and least-privilege roles.
        </Typography>
      )}
      {current && summary?.kind === 'chain' && <ChainLinks chain={current} />}
      {summary && summary.kind !== 'chain' && loose.length > 0 && (
        <Box component="ul" paddingLeft={2} margin={0}>
          {loose.map(finding => (
            <FindingView
              key={`${finding.ruleId}-${finding.ref?.id ?? ''}`}
              finding={finding}
            />
          ))}
        </Box>
      )}
      {summary && (summary.kind === 'chain' || summary.access.length > 0) && (
        <Box marginTop={2}>
          <AccessHeld access={summary.access} granting={summary.granting} />
        </Box>
      )}
      {current && <GuardrailList guardrails={current.guardrails} />}
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
