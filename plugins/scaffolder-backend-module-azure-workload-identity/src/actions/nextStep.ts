import {
  ChainView,
  podsStepOf,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AccessRequestView } from '../client/AzureWorkloadIdentityApi';
import { requestOutputs } from './requestOutputs';

/**
 * Azure may take this long to apply a new role assignment: "up to 10 minutes"
 * (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
 */
const ROLE_PROPAGATION_DOC =
  'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting';

/** What is true of an active request, and what its team must still do, line by line. */
export interface NextStep {
  /** What the portal built and checked; never that the team's pods use it. */
  ready: string;
  /** Set in GitOps mode: the service account is the team's to apply first. */
  manifestFirst?: string;
  pods: string;
  /** The one command for the workload the component's live chain names; never a guess. */
  command?: string;
  roles?: string;
}

/**
 * The next step of an active request. The provisioner saw a token exchange for the service
 * account accepted; it did not see the team's pods use it (the webhook mutates only pods
 * labelled `azure.workload.identity/use: "true"`), and Azure may still be applying the roles.
 * The pods step is the request page's, from the component's live chain: the workload that
 * runs there, whatever its kind or name. Without one, it says what the pod template needs and
 * points to the request page, which gives the command once the workload runs.
 */
export function nextStepOf(options: {
  request: AccessRequestView;
  /** The component's live chain; left out when it could not be read. */
  chain?: ChainView;
  requestUrl: string;
}): NextStep {
  const { request, chain, requestUrl } = options;
  const { namespace, serviceAccountName: sa, cluster } = request;
  const identity = request.plan?.steps.find(s => s.kind === 'ensure-identity');
  const verified = request.events.some(
    e =>
      e.type === 'step-applied' &&
      e.detail?.verified === true &&
      request.plan?.steps.find(s => s.id === e.detail?.step)?.kind === 'verify',
  );
  const ready = `The chain is ready: ${
    identity?.kind === 'ensure-identity'
      ? `managed identity ${identity.name}`
      : 'the managed identity'
  } trusts service account ${namespace}/${sa} on ${cluster}${
    verified ? ', and a token exchange for it was accepted' : ''
  }.`;
  const manifestFirst = requestOutputs(request).manifest
    ? `The cluster is managed through GitOps: apply the service account manifest (this run's manifest output) there first.`
    : undefined;
  const pods = podsStepOf({ request, chain });
  const grantsRoles = request.plan?.steps.some(
    s => s.kind === 'ensure-role-assignment' && s.action === 'create',
  );
  return {
    ready,
    ...(manifestFirst ? { manifestFirst } : {}),
    ...(pods.state === 'to-do'
      ? { pods: pods.text, command: pods.command }
      : {
          pods:
            pods.state === 'ready'
              ? pods.text
              : `${pods.text} The request page gives the exact command once the workload runs: ${requestUrl}`,
        }),
    ...(grantsRoles
      ? {
          roles: `Azure may take up to 10 minutes to apply a new role assignment (${ROLE_PROPAGATION_DOC}); calls refused with 403 before then work after.`,
        }
      : {}),
  };
}

/** The next step as the run's output page shows it, in Markdown. */
export function nextStepMarkdown(step: NextStep): string {
  return [
    step.ready,
    step.manifestFirst,
    step.pods,
    step.command && `\`\`\`\n${step.command}\n\`\`\``,
    step.roles,
  ]
    .filter(Boolean)
    .join('\n\n');
}
