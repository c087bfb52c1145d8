import { parseEntityRef } from '@backstage/catalog-model';
import {
  AccessRequestWithEvents,
  ChainView,
  WORKLOAD_IDENTITY_USE_LABEL,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { labelCommand } from '../requestWords/labelCommand';

/**
 * Azure may take this long to apply a new role assignment: "up to 10 minutes"
 * (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
 */
export const ROLE_PROPAGATION_MS = 10 * 60_000;
export const ROLE_PROPAGATION_DOC =
  'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting';

/** What the pods of the workload still need, as far as the live chain tells. */
export type PodsStep =
  | { state: 'ready'; text: string }
  | { state: 'to-do'; text: string; command: string };

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

const LABEL = `${WORKLOAD_IDENTITY_USE_LABEL}: "true"`;

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
    pods: podsStep(request, chain),
    ...(rolesUntil ? { rolesUntil } : {}),
  };
}

function podsStep(
  request: AccessRequestWithEvents,
  chain: ChainView | undefined,
): PodsStep {
  const { namespace, serviceAccountName: sa, cluster } = request;
  const here = (chain?.bindings ?? []).filter(
    b => b.cluster === cluster && b.namespace === namespace && b.workload,
  );
  const own = here.find(b => b.serviceAccount === sa);
  const command = (workload: string) =>
    labelCommand({ namespace, workload, serviceAccountName: sa });

  if (own?.workload) {
    if (!labelMissing(chain!, { cluster, namespace, workload: own.workload })) {
      return {
        state: 'ready',
        text: `Pods of ${own.workload} run as service account ${namespace}/${sa} and carry the label ${LABEL}.`,
      };
    }
    return {
      state: 'to-do',
      text: `Pods of ${own.workload} run as service account ${namespace}/${sa} but do not carry the label ${LABEL} yet, so they get no Azure token. This command adds it and restarts them:`,
      command: command(own.workload),
    };
  }
  const other = here[0];
  if (other?.workload) {
    return {
      state: 'to-do',
      text: `Pods of ${other.workload} run as service account ${namespace}/${
        other.serviceAccount
      }, not ${namespace}/${sa}${
        labelMissing(chain!, { cluster, namespace, workload: other.workload })
          ? `, and do not carry the label ${LABEL}`
          : ''
      }. This command sets both and restarts them:`,
      command: command(other.workload),
    };
  }
  // Without the live chain, the Kubernetes plugin's convention: the workload bears the
  // component's name.
  const name = parseEntityRef(request.entityRef).name;
  return {
    state: 'to-do',
    text: `The pods that use this access must carry the label ${LABEL} and run as service account ${namespace}/${sa}. For the component's deployment ${name} in ${namespace} on ${cluster}:`,
    command: command(`deployment/${name}`),
  };
}

// The card's own rule decides whether pods carry the label; its finding names the workload.
function labelMissing(
  chain: ChainView,
  where: { cluster: string; namespace: string; workload: string },
): boolean {
  const name = where.workload.split('/').pop();
  return chain.findings.some(
    f =>
      f.ruleId === 'pod-label-missing' &&
      f.ref?.name === name &&
      (f.ref?.namespace ?? where.namespace) === where.namespace &&
      (f.ref?.cluster ?? where.cluster) === where.cluster,
  );
}
