import { InfoCard, LinkButton } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { RequestList } from './RequestList';
import { requestTemplateLink } from './requestTemplateLink';
import { EntityRequestsState } from './useEntityRequests';
import { WorkloadRef } from './workloadRef';

export interface IdentityCardProps {
  entityName: string;
  entityRef: string;
  workload: WorkloadRef;
  /** The component's requests, or how reading them went. */
  requests?: EntityRequestsState;
}

/**
 * The identity card. Until live inspection lands it says so plainly and shows which workload
 * it will inspect, so an owner can already check the entity is linked to the right one.
 */
export function IdentityCard(props: IdentityCardProps) {
  const { entityName, entityRef, workload, requests } = props;
  const selector = workload.kubernetesId
    ? `backstage.io/kubernetes-id=${workload.kubernetesId}`
    : workload.labelSelector;

  return (
    <InfoCard title="Azure workload identity">
      <Typography variant="body1" paragraph>
        Live inspection of the identity chain is not available yet.
      </Typography>
      {selector ? (
        <Typography variant="body2" data-testid="awi-workload">
          {entityName} will be inspected through the workloads labelled{' '}
          <code>{selector}</code>
          {workload.namespace ? (
            <>
              {' '}
              in namespace <code>{workload.namespace}</code>
            </>
          ) : null}
          .
        </Typography>
      ) : (
        <Typography variant="body2" data-testid="awi-workload">
          {entityName} names no workload: add the annotation{' '}
          <code>backstage.io/kubernetes-id</code> to its catalog-info.yaml.
        </Typography>
      )}
      {requests ? (
        <>
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
        </>
      ) : null}
      <LinkButton
        to={requestTemplateLink(entityRef, workload)}
        variant="outlined"
        color="primary"
      >
        Request Azure access
      </LinkButton>
    </InfoCard>
  );
}
