import { AccessRequestView } from '../client/AzureWorkloadIdentityApi';

/** What the template's later steps and its output page need from a provisioned request. */
export interface RequestOutputs {
  serviceAccount: string;
  clientId?: string;
  principalId?: string;
  tenantId?: string;
  identityResourceId?: string;
  /** Set when the cluster is managed through GitOps and the service account is the user's to apply. */
  manifest?: string;
}

// The provisioner's step ids, for a request whose plan is not in the answer.
const FALLBACK_STEP_KINDS: Record<string, string> = {
  identity: 'ensure-identity',
  'service-account': 'ensure-service-account',
};

/**
 * Reads the outputs from the request's timeline: the identity step records the ids of the
 * identity it created or adopted, the service-account step whether it applied the account or
 * handed back its manifest. The latest record of a step wins (a step may be applied again
 * after a restart).
 */
export function requestOutputs(request: AccessRequestView): RequestOutputs {
  const outputs: RequestOutputs = {
    serviceAccount: `${request.namespace}/${request.serviceAccountName}`,
  };
  const kindOf = (stepId: string) =>
    request.plan?.steps.find(s => s.id === stepId)?.kind ??
    FALLBACK_STEP_KINDS[stepId];

  for (const event of request.events) {
    const detail = event.detail;
    if (event.type !== 'step-applied' || typeof detail?.step !== 'string') {
      continue;
    }
    const kind = kindOf(detail.step);
    if (kind === 'ensure-identity') {
      outputs.clientId = text(detail.clientId);
      outputs.principalId = text(detail.principalId);
      outputs.tenantId = text(detail.tenantId);
      outputs.identityResourceId = text(detail.resourceId);
    } else if (kind === 'ensure-service-account') {
      outputs.manifest =
        detail.mode === 'manifest' ? text(detail.manifest) : undefined;
    }
  }
  return outputs;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
