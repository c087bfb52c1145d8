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
import { AccessRequestWithEvents } from '@internal/plugin-azure-workload-identity-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { approvalsClient } from '../Approvals/approvalsClient';
import { describeEvent } from './describeEvent';
import { usePollWhileWorking } from './usePollWhileWorking';

/** One request: its plan step by step and its whole timeline; the requester may cancel it. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const identity = useApi(identityApiRef);
  const client = useMemo(
    () => approvalsClient(discovery, fetchApi),
    [discovery, fetchApi],
  );
  const [request, setRequest] = useState<AccessRequestWithEvents>();
  const [viewer, setViewer] = useState<string>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    client
      .get(id)
      .then(setRequest)
      .catch(e => setError((e as Error).message));
  }, [client, id]);
  useEffect(() => {
    identity
      .getBackstageIdentity()
      .then(i => setViewer(i.userEntityRef))
      .catch(() => setViewer(''));
    load();
  }, [identity, load]);
  usePollWhileWorking(request?.status, load);

  const cancellable =
    request &&
    request.requestedBy === viewer &&
    ['pending-approval', 'approved'].includes(request.status);

  return (
    <Page themeId="tool">
      <Header title="Request for Azure access" subtitle={id} />
      <Content>
        {error && (
          <WarningPanel title="Could not read the request">
            {error}
          </WarningPanel>
        )}
        {!error && !request && <Progress />}
        {request && (
          <>
            <InfoCard
              title={`${request.entityRef} — ${request.status}`}
              subheader={`${request.namespace}/${request.serviceAccountName} on ${request.cluster}, requested by ${request.requestedBy}`}
            >
              <ol data-testid="awi-plan-steps">
                {request.plan?.steps.map(step => (
                  <li key={step.id}>
                    <Typography variant="body2">
                      <strong>{step.kind}</strong>: {step.why}
                    </Typography>
                  </li>
                ))}
              </ol>
              {cancellable && (
                <Button
                  variant="outlined"
                  onClick={() =>
                    client
                      .cancel(request.id)
                      .then(load)
                      .catch(e => setError((e as Error).message))
                  }
                >
                  Cancel this request
                </Button>
              )}
            </InfoCard>
            <InfoCard title="Timeline">
              <ol data-testid="awi-timeline">
                {request.events.map(event => (
                  <li key={event.id}>
                    <Typography variant="body2">
                      {new Date(event.createdAt).toLocaleString()} —{' '}
                      {event.actor}: {describeEvent(event)}
                    </Typography>
                  </li>
                ))}
              </ol>
            </InfoCard>
          </>
        )}
      </Content>
    </Page>
  );
}
