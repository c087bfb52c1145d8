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
  requestManagePermission,
  requestRevokePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityApiError,
} from '../../api';
import { describeExpiry } from '../requestWords/expiry';
import { ActorName, EntityName } from '../requestWords/EntityName';
import { statusWords } from '../requestWords/statusWords';
import { NextStepPanel } from './NextStepPanel';
import { RequestTimeline } from './RequestTimeline';
import { RevokePanel } from './RevokePanel';
import { RiskBadges } from '../Approvals/RiskBadges';
import { describeEnvironment, describePlanStep } from '../shared/planInWords';
import { usePollWhileWorking } from './usePollWhileWorking';
import { readProblem, ReadProblemView } from './readProblem';

/**
 * One request: once active, what remains to do (first, not behind a tab); then its plan step
 * by step, when it expires, and its whole timeline. The requester may cancel it before it
 * applies, retry it when it failed, and revoke it once active; the platform team may retry and
 * revoke too, as the permission policy allows.
 */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const client = useApi(azureWorkloadIdentityApiRef);
  const identity = useApi(identityApiRef);
  const [request, setRequest] = useState<AccessRequestWithEvents>();
  const [viewer, setViewer] = useState<string>();
  const [error, setError] = useState<string>();
  // Reading the request failed: why, with the backend's status, so a 404 reads "does not exist".
  const [readFailure, setReadFailure] = useState<{
    status?: number;
    message: string;
  }>();

  const load = useCallback(() => {
    client
      .getRequest(id)
      .then(read => {
        setRequest(read);
        setReadFailure(undefined);
      })
      .catch(e =>
        setReadFailure({
          status: (e as AzureWorkloadIdentityApiError).status,
          message: (e as Error).message,
        }),
      );
  }, [client, id]);
  useEffect(() => {
    identity
      .getBackstageIdentity()
      .then(i => setViewer(i.userEntityRef))
      .catch(() => setViewer(''));
    load();
  }, [identity, load]);
  usePollWhileWorking(request?.status, load);

  // Decided on this request: the policy may allow the component's owners, not only the
  // requester, to revoke, cancel or retry it.
  const { allowed: mayRevoke } = usePermission({
    permission: requestRevokePermission,
    resourceRef: id,
  });
  const { allowed: mayManage } = usePermission({
    permission: requestManagePermission,
    resourceRef: id,
  });
  const own = request !== undefined && request.requestedBy === viewer;
  const cancellable =
    (own || mayManage) &&
    ['pending-approval', 'approved'].includes(request?.status ?? '');
  const revocable =
    (own || mayRevoke) &&
    ['active', 'revoking'].includes(request?.status ?? '');
  const retryable = (own || mayManage) && request?.status === 'failed';
  const act = (action: () => Promise<unknown>) =>
    action()
      .then(() => setError(undefined))
      .then(load)
      .catch(e => setError((e as Error).message));

  return (
    <Page themeId="tool">
      <Header title="Request for Azure access" subtitle={id} />
      <Content>
        {error && (
          <WarningPanel title="The backend said no">{error}</WarningPanel>
        )}
        {readFailure && (
          <ReadProblemView
            problem={
              request
                ? {
                    title: 'Could not read the request again',
                    message: readFailure.message,
                  }
                : readProblem({ id, ...readFailure })
            }
          />
        )}
        {!error && !readFailure && !request && <Progress />}
        {request && (
          <>
            {request.status === 'active' && (
              <Box marginBottom={2}>
                <NextStepPanel request={request} />
              </Box>
            )}
            <InfoCard
              title={
                <span data-testid="awi-request-title">
                  <EntityName entityRef={request.entityRef} /> —{' '}
                  {statusWords(request.status)}
                </span>
              }
              subheader={
                <span data-testid="awi-request-subheader">
                  {request.namespace}/{request.serviceAccountName} on{' '}
                  {request.cluster}, requested by{' '}
                  <ActorName actor={request.requestedBy} />
                </span>
              }
            >
              <Typography variant="body2" data-testid="awi-request-expiry">
                {describeExpiry(request.expiresAt)}
              </Typography>
              {request.plan && (
                <>
                  {describeEnvironment(request.plan) && (
                    <Typography variant="body2">
                      {describeEnvironment(request.plan)}
                    </Typography>
                  )}
                  <RiskBadges reasons={request.plan.approvalReasons} />
                  {request.plan.approvalReasons.map(reason => (
                    <Typography
                      key={`${reason.code}:${reason.message}`}
                      variant="body2"
                      data-testid="awi-approval-reason"
                    >
                      {reason.message}
                    </Typography>
                  ))}
                  <ol data-testid="awi-plan-steps">
                    {request.plan.steps.map(step => (
                      <li key={step.id}>
                        <Typography variant="body2">
                          <strong>
                            {describePlanStep(step, request.plan!)}
                          </strong>
                          : {step.why}
                        </Typography>
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {cancellable && (
                <Button
                  variant="outlined"
                  onClick={() => act(() => client.cancelRequest(request.id))}
                >
                  Cancel this request
                </Button>
              )}
              {retryable && (
                <Button
                  variant="outlined"
                  onClick={() => act(() => client.retryRequest(request.id))}
                >
                  Retry
                </Button>
              )}
              {revocable && (
                <RevokePanel
                  status={request.status}
                  onRevoke={options =>
                    act(() =>
                      client.revokeRequest({ id: request.id, ...options }),
                    )
                  }
                />
              )}
            </InfoCard>
            <RequestTimeline request={request} />
          </>
        )}
      </Content>
    </Page>
  );
}
