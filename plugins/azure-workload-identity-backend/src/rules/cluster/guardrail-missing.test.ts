import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  currentGuardrails,
  withGuardrails,
} from '../../inspection/__testUtils__/guardrails';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { notCommandsOnly } from '../__testUtils__/commandsOnly';

const missing = {
  ...currentGuardrails(),
  state: 'missing' as const,
  missing: [
    'ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants',
    'ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
  ],
  grants: 'missing' as const,
};

describe('guardrail-missing', () => {
  it('finds nothing where the guardrails are current', () => {
    expect(
      runScenario(withGuardrails(baselineSnapshot(), 'deny')).visible,
    ).toEqual([]);
  });

  it('finds nothing where guardrails are off: nothing is promised there', () => {
    const outcome = runScenario(withGuardrails(baselineSnapshot(), 'off'));
    expect(outcome.visible).toEqual([]);
    expect(outcome.links.cluster).toBe('ok');
  });

  it('reports guardrails in deny mode that the cluster does not hold, the portal re-applying them', () => {
    const outcome = runScenario(
      withGuardrails(baselineSnapshot(), 'deny', {
        status: 'ok',
        value: missing,
      }),
    );
    expect(outcome.visible).toEqual(['guardrail-missing']);
    expect(outcome.links.cluster).toBe('degraded');
    const finding = findingOfRule(outcome, 'guardrail-missing');
    expect(finding).toMatchObject({
      severity: 'warning',
      state: 'degraded',
      title: "The cluster's guardrails are missing",
      ref: { kind: 'ManagedCluster', name: 'aks-prod' },
    });
    expect(finding.message).toBe(
      "Guardrails are in deny mode for aks-prod, but the cluster holds none of the portal's admission policies: a client id the portal did not grant is not refused there.",
    );
    expect(finding.evidence.actual).toBe(
      'missing ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants, ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants; grants ConfigMap missing',
    );
    expect(finding.fix.kind).toBe('action');
    expect(finding.fix.owner).toBe('platform');
    expect(finding.fix.text).toContain(
      'the portal re-applies the guardrails of aks-prod within 10 minutes',
    );
  });

  it('gives the platform team the command where it applies them (GitOps)', () => {
    const outcome = runScenario(
      withGuardrails(baselineSnapshot(), 'audit', {
        status: 'ok',
        value: {
          ...currentGuardrails(),
          state: 'outdated',
          outdated: [
            'ValidatingAdmissionPolicy/azure-workload-identity-no-default-sa',
          ],
          grants: 'outdated',
          appliedBy: 'platform',
          manifestsUrl:
            'https://backstage.example.com/api/azure-workload-identity/guardrails/aks-prod',
        },
      }),
    );
    const finding = findingOfRule(outcome, 'guardrail-missing');
    expect(finding.title).toBe("The cluster's guardrails are outdated");
    expect(finding.message).toBe(
      'Guardrails are in audit mode for aks-prod, but its admission policies or grants are not what the portal would write now (outdated ValidatingAdmissionPolicy/azure-workload-identity-no-default-sa; grants ConfigMap differs from the grants): what the cluster enforces is not what the portal granted.',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'platform',
      text: 'curl -fsS -H "Authorization: Bearer $BACKSTAGE_TOKEN" https://backstage.example.com/api/azure-workload-identity/guardrails/aks-prod | kubectl --context aks-prod apply -f -',
      note: 'BACKSTAGE_TOKEN is a Backstage token of someone who may approve requests: the manifests list the client ids granted in every namespace. Where a GitOps repository manages the cluster, commit the same manifests there instead.',
    });
  });

  it("leaves Backstage's address to fill in where it is not configured, and says so", () => {
    const outcome = runScenario(
      withGuardrails(baselineSnapshot(), 'deny', {
        status: 'ok',
        value: { ...missing, appliedBy: 'platform' },
      }),
    );
    const { fix } = findingOfRule(outcome, 'guardrail-missing');
    expect(fix.text).toBe(
      'curl -fsS -H "Authorization: Bearer $BACKSTAGE_TOKEN" <backstage>/api/azure-workload-identity/guardrails/aks-prod | kubectl --context aks-prod apply -f -',
    );
    expect(fix.note).toContain(
      'Replace <backstage> with the address of Backstage.',
    );
    expect(notCommandsOnly(fix)).toEqual([]);
  });

  it('says the cluster link is unknown, not broken, when the guardrails may not be read', () => {
    const outcome = runScenario(
      withGuardrails(baselineSnapshot(), 'deny', {
        status: 'forbidden',
        reason:
          'validatingadmissionpolicies.admissionregistration.k8s.io is forbidden',
        httpStatus: 403,
      }),
    );
    expect(outcome.visible).toEqual(['inspect-read-forbidden']);
    expect(outcome.links.cluster).toBe('unknown');
    const { fix } = findingOfRule(outcome, 'inspect-read-forbidden');
    // The reader role of the RBAC file grants the reads; the note says which rule is missing.
    expect(fix.text).toBe(
      'kubectl --context aks-prod apply -f docs/deployment/kubernetes-rbac.yaml --selector azure-workload-identity.backstage.io/rbac=reader',
    );
    expect(fix.note).toContain(
      'resources: ["validatingadmissionpolicies","validatingadmissionpolicybindings"], verbs: ["get","list"]',
    );
  });
});
