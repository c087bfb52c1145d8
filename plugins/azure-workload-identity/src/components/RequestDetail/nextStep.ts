import {
  AccessRequestWithEvents,
  ChainView,
  PodsStep,
  podsStepOf,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * Azure may take this long to apply a new role assignment: "up to 10 minutes"
 * (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
 */
export const ROLE_PROPAGATION_MS = 10 * 60_000;
export const ROLE_PROPAGATION_DOC =
  'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting';

/** What is true once a request is active, and what remains for its team to do. */
export interface NextStep {
  /** What the portal made and checked. */
  ready: string;
  /** In GitOps mode: the service account the team must apply before anything works. */
  manifest?: string;
  pods: PodsStep;
  /** Set while Azure may still be applying a new role assignment. */
  rolesUntil?: Date;
}

/**
 * The next step of an active request, from its plan and timeline and, when it has been read,
 * the component's live chain (which names the workload and says whether its pods are
 * labelled). Never claims more than was checked: the portal proved the token exchange for the
 * service account, not that the team's pods use it.
 */
export function nextStepOf(options: {
  request: AccessRequestWithEvents;
  chain?: ChainView;
  now?: Date;
}): NextStep {
  const { request, chain } = options;
  const now = options.now ?? new Date();
  const serviceAccount = `${request.namespace}/${request.serviceAccountName}`;
  const applied = (stepKind: string) => {
    const step = request.plan?.steps.find(s => s.kind === stepKind);
    return [...request.events]
      .reverse()
      .find(e => e.type === 'step-applied' && e.detail?.step === step?.id)
      ?.detail;
  };

  const identity = request.plan?.steps.find(s => s.kind === 'ensure-identity');
  const verified = applied('verify')?.verified === true;
  const ready = `The chain is ready: managed identity ${
    identity && 'name' in identity ? `${identity.name} ` : ''
  }trusts service account ${serviceAccount} on ${request.cluster}${
    verified ? ', and a token exchange for it was accepted' : ''
  }.`;

  const serviceAccountStep = applied('ensure-service-account');
  const manifest =
    serviceAccountStep?.mode === 'manifest' &&
    typeof serviceAccountStep.manifest === 'string'
      ? serviceAccountStep.manifest
      : undefined;

  const completed = [...request.events]
    .reverse()
    .find(e => e.type === 'apply-completed');
  const grantsRoles = request.plan?.steps.some(
    s => s.kind === 'ensure-role-assignment' && s.action === 'create',
  );
  const until = completed
    ? new Date(Date.parse(completed.createdAt) + ROLE_PROPAGATION_MS)
    : undefined;
  const rolesUntil =
    grantsRoles && until && until.getTime() > now.getTime() ? until : undefined;

  return {
    ready,
    ...(manifest ? { manifest } : {}),
    pods: podsStepOf({ request, chain }),
    ...(rolesUntil ? { rolesUntil } : {}),
  };
}
