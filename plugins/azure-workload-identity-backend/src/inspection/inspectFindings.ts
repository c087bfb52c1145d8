import { Finding } from '@backstage-community/plugin-azure-workload-identity-common';
import { HealthRulesConfig } from './config';
import { GRANTS_CONFIGMAP } from '../guardrails/guardrailNames';
import { ReadFailure, ReadId, READS } from './reads';

export const INSPECT_READ_FORBIDDEN = 'inspect-read-forbidden';
export const INSPECT_UPSTREAM_UNREACHABLE = 'inspect-upstream-unreachable';

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function forbiddenFix(
  readId: ReadId,
  scope: string,
  config: HealthRulesConfig,
): string {
  const k8s = READS[readId].kubernetes;
  // The guardrails are read from two API groups: the policies and the grants ConfigMap.
  if (readId === 'K12') {
    return `Add to the Backstage ClusterRole: {apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingadmissionpolicies","validatingadmissionpolicybindings"], verbs: ["get","list"]} and {apiGroups: [""], resources: ["configmaps"], resourceNames: ["${GRANTS_CONFIGMAP}"], verbs: ["get"]}`;
  }
  if (k8s) {
    const verbs = readId === 'K9' ? '["create"]' : '["get","list"]';
    const holder =
      readId === 'K6' ? 'Role in the webhook namespace' : 'ClusterRole';
    return `Add to the Backstage ${holder}: {apiGroups: ["${k8s.apiGroup}"], resources: ["${k8s.resource}"], verbs: ${verbs}}`;
  }
  // Without a configured principal id the fix starts with the lookup that yields it.
  const assignee =
    config.backstagePrincipalId ??
    '$(az ad sp show --id "$AZURE_CLIENT_ID" --query id -o tsv)';
  const armScope = scope.startsWith('/')
    ? scope.replace(/\/federatedIdentityCredentials$/, '')
    : '<scope>';
  return `az role assignment create --assignee-object-id ${assignee} --assignee-principal-type ServicePrincipal --role Reader --scope ${armScope}`;
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
      fix: {
        kind: 'command',
        text: forbiddenFix(readId, scope, config),
        owner: 'platform',
      },
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
