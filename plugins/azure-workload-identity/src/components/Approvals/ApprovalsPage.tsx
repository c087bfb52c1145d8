import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  AccessRequestWithEvents,
  requestApprovePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { azureWorkloadIdentityApiRef } from '../../api';
import { requestsWithTimelines } from '../../api/requestsWithTimelines';
import { RequestList } from '../IdentityCard/RequestList';
import { PendingRequestCard } from './PendingRequestCard';

/** The platform team's page: every request waiting for a decision, and the viewer's own. */
export function ApprovalsPage() {
  const client = useApi(azureWorkloadIdentityApiRef);
  const identity = useApi(identityApiRef);
  const { allowed: mayApprove } = usePermission({
    permission: requestApprovePermission,
  });
  const [viewer, setViewer] = useState<string>();
  const [requests, setRequests] = useState<AccessRequestWithEvents[]>();
  const [mine, setMine] = useState<AccessRequestWithEvents[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    requestsWithTimelines(client, { status: 'pending-approval', limit: 50 })
      .then(setRequests)
      .catch(e => setError((e as Error).message));
  }, [client]);
  useEffect(() => {
    identity
      .getBackstageIdentity()
      .then(i => {
        setViewer(i.userEntityRef);
        // The viewer's own requests, newest first.
        return requestsWithTimelines(client, {
          requestedBy: i.userEntityRef,
          limit: 20,
        }).then(setMine);
      })
      .catch(() => setViewer(''));
    load();
  }, [identity, load, client]);

  return (
    <Page themeId="tool">
      <Header
        title="Azure access approvals"
        subtitle="Requests waiting for the platform team"
      />
      <Content>
        {error && (
          <WarningPanel title="Could not read the requests">
            {error}
          </WarningPanel>
        )}
        {!error && (!requests || viewer === undefined) && <Progress />}
        {requests && viewer !== undefined && requests.length === 0 && (
          <Typography data-testid="awi-no-pending">
            Nothing waits for a decision.
          </Typography>
        )}
        {requests &&
          viewer !== undefined &&
          requests.map(request => (
            <PendingRequestCard
              key={request.id}
              request={request}
              viewer={viewer}
              mayApprove={mayApprove}
              client={client}
              onDecided={load}
            />
          ))}
        {mine && (
          <InfoCard title="My requests">
            <RequestList requests={mine} />
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}
