import { PlanView, RequestEventView } from '../client/AzureWorkloadIdentityApi';
import { describeStep, kindOfStep } from './describeStep';

export interface ProgressLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/**
 * Turns one timeline event into a line for the scaffolder's log, in plain words. Events this
 * module does not know still get a line, so a newer backend's timeline is never silent.
 */
export function narrateEvent(
  event: RequestEventView,
  plan?: PlanView,
): ProgressLine {
  const detail = event.detail ?? {};
  const step =
    typeof detail.step === 'string'
      ? describeStep(detail.step, plan)
      : undefined;

  switch (event.type) {
    case 'created':
      return info(
        detail.status === 'pending-approval'
          ? 'Request created; it needs approval before anything is provisioned'
          : 'Request created and approved by policy',
      );
    case 'apply-started':
      return info('Provisioning started');
    case 'apply-resumed':
      return info('Provisioning resumed where it had stopped');
    case 'step-started':
      return info(`Working on the ${step}`);
    case 'step-retrying':
      return info(`Still waiting on the ${step}: ${retryReason(detail)}`);
    case 'step-applied':
      return info(`Done: ${step}${appliedNote(detail, plan)}`);
    case 'apply-completed':
      return info('Provisioning finished; the chain is ready');
    case 'apply-failed':
      return {
        level: 'error',
        message: `Provisioning failed: ${
          text(detail.error) ?? 'no reason given'
        }${text(detail.code) ? ` (${detail.code})` : ''}`,
      };
    default:
      return info(otherEvent(event));
  }
}

function info(message: string): ProgressLine {
  return { level: 'info', message };
}

function retryReason(detail: { [key: string]: unknown }): string {
  const reason = text(detail.reason) ?? 'retrying';
  const code = text(detail.code);
  const attempt =
    typeof detail.attempt === 'number' ? `, attempt ${detail.attempt}` : '';
  return `${reason}${code ? ` (${code})` : ''}${attempt}`;
}

// What a person needs to know about a step that is done: the client id they will put in
// their deployment, or that the service account is theirs to apply.
function appliedNote(
  detail: { [key: string]: unknown },
  plan?: PlanView,
): string {
  const kind =
    typeof detail.step === 'string' ? kindOfStep(detail.step, plan) : undefined;
  if (text(detail.clientId)) return ` (client id ${detail.clientId})`;
  if (kind === 'ensure-role-assignment' && detail.adopted === true) {
    return ' (it was already assigned)';
  }
  if (detail.mode === 'manifest') {
    return ' (the cluster is managed through GitOps: apply the manifest from this step’s output)';
  }
  return '';
}

// Approvals, rejections, cancellations and whatever comes later: who did it, and why if said.
function otherEvent(event: RequestEventView): string {
  const detail = event.detail ?? {};
  const what = event.type.replace(/-/g, ' ');
  const by = event.actor ? ` by ${event.actor}` : '';
  const why = text(detail.reason) ?? text(detail.comment) ?? text(detail.error);
  return `Request ${what}${by}${why ? `: ${why}` : ''}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
