import { notCommandsOnly } from '../rules/__testUtils__/commandsOnly';
import { DEFAULT_HEALTH_RULES_CONFIG } from './config';
import { readFailureFinding } from './inspectFindings';
import { findingOfRule, runScenario } from './__testUtils__/runScenario';

describe('inspect-read-forbidden', () => {
  it('read-denied-fic: one finding on the federation link; the probe keeps the token link ok', () => {
    const outcome = runScenario('read-denied-fic');
    expect(outcome.visible).toEqual(['inspect-read-forbidden']);
    expect(outcome.masked).toEqual([]);
    expect(outcome.links.federation).toBe('unknown');
    expect(outcome.links.token).toBe('ok');
    const finding = findingOfRule(outcome, 'inspect-read-forbidden');
    expect(finding.link).toBe('federation');
    expect(finding.state).toBe('unknown');
    expect(finding.evidence.actual).toMatch(
      /^403 AuthorizationFailed: The client 'backstage' does not have/,
    );
    expect(finding.fix.text).toBe(
      'az role assignment create --assignee-object-id $(az ad sp show --id "$AZURE_CLIENT_ID" --query id -o tsv) --assignee-principal-type ServicePrincipal --role Reader --scope /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders',
    );
  });

  it('uses the configured Backstage principal in the fix', () => {
    const finding = findingOfRule(
      runScenario('read-denied-fic', {
        backstagePrincipalId: 'bbbbbbbb-0000-0000-0000-00000000bbbb',
      }),
      'inspect-read-forbidden',
    );
    expect(finding.fix.text).toContain(
      '--assignee-object-id bbbbbbbb-0000-0000-0000-00000000bbbb ',
    );
  });
});

describe('inspect-upstream-unreachable', () => {
  it('arm-cluster-503: one finding on the cluster link, and no guess about what depends on it', () => {
    const outcome = runScenario('arm-cluster-503');
    expect(outcome.visible).toEqual(['inspect-upstream-unreachable']);
    expect(outcome.masked).toEqual([]);
    const finding = findingOfRule(outcome, 'inspect-upstream-unreachable');
    expect(finding.link).toBe('cluster');
    expect(finding.severity).toBe('info');
    expect(finding.evidence.actual).toMatch(
      /^503 ServiceUnavailable: The service is unavailable/,
    );
    // Rules needing the cluster (the FIC decision uses its issuer) could not run.
    expect(outcome.links.cluster).toBe('unknown');
    expect(outcome.links.federation).toBe('unknown');
  });
});

describe('inspect-read-forbidden on a Kubernetes read', () => {
  const denied = {
    status: 'forbidden' as const,
    httpStatus: 403,
    code: 'Forbidden',
    reason: 'validatingadmissionpolicies is forbidden',
  };
  const fixOf = (readId: 'K6' | 'K9' | 'K11' | 'K12', scope: string) =>
    readFailureFinding({
      readId,
      scope,
      failure: denied,
      config: DEFAULT_HEALTH_RULES_CONFIG,
    }).fix;

  it('applies the role of the RBAC file that grants the read, on that cluster, and says what is missing beside it', () => {
    const fix = fixOf('K12', 'cluster aks-prod');
    expect(fix).toEqual({
      kind: 'command',
      text: 'kubectl --context aks-prod apply -f docs/deployment/kubernetes-rbac.yaml --selector azure-workload-identity.backstage.io/rbac=reader',
      owner: 'platform',
      note: expect.stringContaining(
        '{apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingadmissionpolicies","validatingadmissionpolicybindings"], verbs: ["get","list"]}',
      ),
    });
    expect(notCommandsOnly(fix)).toEqual([]);
  });

  it('names the webhook namespace role and the token prober for their reads', () => {
    expect(fixOf('K6', 'cluster aks-prod').text).toContain(
      '--selector azure-workload-identity.backstage.io/rbac=webhook-config-reader',
    );
    expect(fixOf('K9', 'cluster aks-prod, namespace orders').text).toContain(
      '--selector azure-workload-identity.backstage.io/rbac=token-prober',
    );
  });

  it('asks in words for the opt-in Secret reads, which no file role grants', () => {
    const fix = fixOf('K11', 'cluster aks-prod, namespace orders');
    expect(fix.kind).toBe('action');
    expect(fix.text).toContain('healthRules.inspectSecrets');
  });
});
