import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  AccessRequestWithEvents,
  requestApprovePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { RequestList } from '../IdentityCard/RequestList';
import { approvalsClient } from './approvalsClient';
import { PendingRequestCard } from './PendingRequestCard';

/** The platform team's page: every request waiting for a decision, and the viewer's own. */
export function ApprovalsPage() {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const identity = useApi(identityApiRef);
  const client = useMemo(
    () => approvalsClient(discovery, fetchApi),
    [discovery, fetchApi],
  );
  const { allowed: mayApprove } = usePermission({
    permission: requestApprovePermission,
  });
  const [viewer, setViewer] = useState<string>();
  const [requests, setRequests] = useState<AccessRequestWithEvents[]>();
  const [mine, setMine] = useState<AccessRequestWithEvents[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    client
      .pending()
      .then(setRequests)
      .catch(e => setError((e as Error).message));
  }, [client]);
  useEffect(() => {
    identity
      .getBackstageIdentity()
      .then(i => {
        setViewer(i.userEntityRef);
        return client.mine(i.userEntityRef).then(setMine);
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
