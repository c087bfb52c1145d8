import { InfoCard } from '@backstage/core-components';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  AzureWorkloadIdentityApi,
  AzureWorkloadIdentityApiError,
} from '../../api';
import { describeExpiry } from '../requestWords/expiry';
import { ActorName, EntityName } from '../requestWords/EntityName';
import { describeEnvironment, describePlanStep } from '../shared/planInWords';
import { RiskBadges } from './RiskBadges';

/** The decisions a card makes, through the plugin's API. */
export type DecisionClient = Pick<
  AzureWorkloadIdentityApi,
  'approveRequest' | 'rejectRequest'
>;

/**
 * One request waiting for a decision: what the plan does and why it needs a person, and the
 * controls to decide — or, when the viewer may not decide, the reason why not.
 */
export function PendingRequestCard(props: {
  request: AccessRequestWithEvents;
  viewer: string;
  mayApprove: boolean;
  client: DecisionClient;
  onDecided(): void;
}) {
  const { request, viewer, mayApprove, client, onDecided } = props;
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<AzureWorkloadIdentityApiError>();
  const plan = request.plan;
  const environment = plan && describeEnvironment(plan);
  const ownRequest = request.requestedBy === viewer;
  const decide = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
      onDecided();
    } catch (error) {
      setProblem(error as AzureWorkloadIdentityApiError);
    }
  };

  return (
    <InfoCard
      title={
        <span data-testid="awi-pending-title">
          <EntityName entityRef={request.entityRef} /> — {request.namespace}/
          {request.serviceAccountName} on {request.cluster}
        </span>
      }
      subheader={
        <span>
          Requested by <ActorName actor={request.requestedBy} />
        </span>
      }
    >
      <div data-testid={`awi-pending-${request.id}`}>
        <RiskBadges reasons={plan?.approvalReasons ?? []} />
        <Typography variant="body2" data-testid="awi-request-expiry">
          {describeExpiry(request.expiresAt)}
        </Typography>
        {environment && (
          <Typography variant="body2" data-testid="awi-plan-environment">
            {environment}
          </Typography>
        )}
        {plan && plan.approvalReasons.length > 0 && (
          <>
            <Typography variant="body2">Needs approval because:</Typography>
            {/* One reason a line: each is a whole sentence naming what to weigh. */}
            <ul data-testid="awi-approval-reasons">
              {plan.approvalReasons.map(r => (
                <li key={`${r.code}: ${r.message}`}>
                  <Typography variant="body2">{r.message}</Typography>
                </li>
              ))}
            </ul>
          </>
        )}
        {plan && (
          <ol data-testid="awi-plan-steps">
            {plan.steps.map(step => (
              <li
                key={step.id}
                // The line shortens a scope; the whole id is a hover away.
                title={
                  step.kind === 'ensure-role-assignment'
                    ? step.scope
                    : undefined
                }
              >
                <Typography variant="body2">
                  <strong>{describePlanStep(step, plan)}</strong>: {step.why}
                </Typography>
              </li>
            ))}
          </ol>
        )}
        {plan?.notes.map(note => (
          <Typography
            key={note.code + note.field}
            variant="body2"
            color="error"
          >
            {note.message}
          </Typography>
        ))}
        {ownRequest && (
          <Typography variant="body2" data-testid="awi-cannot-decide">
            You requested this; another member of the platform team must approve
            it.
          </Typography>
        )}
        {!ownRequest && !mayApprove && (
          <Typography variant="body2" data-testid="awi-cannot-decide">
            Only the platform team approves requests for Azure access.
          </Typography>
        )}
        {!ownRequest && mayApprove && (
          <div>
            <TextField
              id={`awi-comment-${request.id}`}
              label="Comment (optional)"
              value={comment}
              onChange={e => setComment(e.target.value)}
              fullWidth
            />
            <Button
              color="primary"
              variant="contained"
              onClick={() =>
                decide(() =>
                  client.approveRequest({
                    id: request.id,
                    planHash: request.planHash!,
                    comment: comment || undefined,
                  }),
                )
              }
            >
              Approve this plan
            </Button>
            <TextField
              id={`awi-reject-reason-${request.id}`}
              label="Reason to reject"
              value={reason}
              onChange={e => setReason(e.target.value)}
              fullWidth
            />
            <Button
              variant="outlined"
              disabled={!reason.trim()}
              onClick={() =>
                decide(() => client.rejectRequest({ id: request.id, reason }))
              }
            >
              Reject
            </Button>
          </div>
        )}
        {problem && (
          <div data-testid="awi-decision-problem">
            <Typography variant="body2" color="error">
              {problem.message}
            </Typography>
            {problem.changes?.map(change => (
              <Typography key={change.stepId} variant="body2">
                {change.summary}
              </Typography>
            ))}
          </div>
        )}
      </div>
    </InfoCard>
  );
}
