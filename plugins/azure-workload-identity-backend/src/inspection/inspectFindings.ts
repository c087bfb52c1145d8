import {
  Finding,
  FindingFix,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { HealthRulesConfig } from './config';
import { GRANTS_CONFIGMAP } from '../guardrails/guardrailNames';
import { ReadFailure, ReadId, READS } from './reads';

export const INSPECT_READ_FORBIDDEN = 'inspect-read-forbidden';
export const INSPECT_UPSTREAM_UNREACHABLE = 'inspect-upstream-unreachable';

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// The roles of docs/deployment/kubernetes-rbac.yaml, by the label each carries: the fix applies
// the one that grants the read, as the file names it.
const RBAC_FILE = 'docs/deployment/kubernetes-rbac.yaml';
const RBAC_LABEL = 'azure-workload-identity.backstage.io/rbac';

function kubernetesRoleOf(readId: ReadId): string {
  if (readId === 'K6') return 'webhook-config-reader';
  if (readId === 'K9') return 'token-prober';
  return 'reader';
}

/** The rule the portal's Kubernetes identity lacks, as it would stand in a Role. */
function missingRule(readId: ReadId): string {
  // The guardrails are read from two API groups: the policies and the grants ConfigMap.
  if (readId === 'K12') {
    return `{apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingadmissionpolicies","validatingadmissionpolicybindings"], verbs: ["get","list"]} and {apiGroups: [""], resources: ["configmaps"], resourceNames: ["${GRANTS_CONFIGMAP}"], verbs: ["get"]}`;
  }
  const k8s = READS[readId].kubernetes!;
  const verbs = readId === 'K9' ? '["create"]' : '["get","list"]';
  return `{apiGroups: ["${k8s.apiGroup}"], resources: ["${k8s.resource}"], verbs: ${verbs}}`;
}

function forbiddenFix(
  readId: ReadId,
  scope: string,
  config: HealthRulesConfig,
): FindingFix {
  if (READS[readId].kubernetes) {
    const cluster = /^cluster ([^,]+)/.exec(scope)?.[1];
    // Secrets are read only where a platform opted in, namespace by namespace: no file role.
    if (readId === 'K11') {
      return {
        kind: 'action',
        text: `To let the portal list the key names of Secrets here, bind a Role with ${missingRule(
          readId,
        )} to its Kubernetes identity in this namespace; or turn healthRules.inspectSecrets off.`,
        owner: 'platform',
      };
    }
    const role = kubernetesRoleOf(readId);
    return {
      kind: 'command',
      text: `kubectl${
        cluster ? ` --context ${cluster}` : ''
      } apply -f ${RBAC_FILE} --selector ${RBAC_LABEL}=${role}`,
      owner: 'platform',
      note: `The portal's Kubernetes identity lacks ${missingRule(
        readId,
      )}. The ${role} role of ${RBAC_FILE} (in the plugins' repository) grants it; apply it with the cluster's admin credentials.`,
    };
  }
  // Without a configured principal id the fix starts with the lookup that yields it.
  const assignee =
    config.backstagePrincipalId ??
    '$(az ad sp show --id "$AZURE_CLIENT_ID" --query id -o tsv)';
  const armScope = scope.startsWith('/')
    ? scope.replace(/\/federatedIdentityCredentials$/, '')
    : '<scope>';
  return {
    kind: 'command',
    text: `az role assignment create --assignee-object-id ${assignee} --assignee-principal-type ServicePrincipal --role Reader --scope ${armScope}`,
    owner: 'platform',
  };
}

/** The finding the engine emits for a read that a rule needed and that failed: it says the link is unknown, and why. */
export function readFailureFinding(options: {
  readId: ReadId;
  scope: string;
  failure: ReadFailure;
  config: HealthRulesConfig;
}): Finding {
  const { readId, scope, failure, config } = options;
  const { link, operation } = READS[readId];
  const status = [failure.httpStatus, failure.code].filter(Boolean).join(' ');
  const actual = `${status ? `${status}: ` : ''}${oneLine(
    failure.reason,
    200,
  )}`;
  if (failure.status === 'forbidden') {
    return {
      ruleId: INSPECT_READ_FORBIDDEN,
      link,
      severity: 'warning',
      state: 'unknown',
      message: `Backstage is not allowed to ${operation} on ${scope}, so the ${link} link is unknown (not ok).`,
      evidence: { expected: `read ${operation} on ${scope}`, actual },
      fix: forbiddenFix(readId, scope, config),
      ref: { kind: 'Read', name: readId, id: scope },
    };
  }
  return {
    ruleId: INSPECT_UPSTREAM_UNREACHABLE,
    link,
    severity: 'info',
    state: 'unknown',
    message: `The upstream for ${operation} on ${scope} did not answer; the ${link} link is unknown. Last good result: ${
      failure.readAt ?? 'none'
    }.`,
    evidence: { expected: `answer from ${scope}`, actual },
    fix: {
      kind: 'none',
      text: `Nothing for the component owner. Refresh later (?refresh=true); if it persists, check egress from the Backstage backend to ${scope}.`,
      owner: 'platform',
    },
    ref: { kind: 'Read', name: readId, id: scope },
  };
}
