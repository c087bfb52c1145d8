import { parseAllDocuments } from 'yaml';
import { guardrailManifests, toYamlDocuments } from './guardrailManifests';

const cluster = {
  name: 'aks-prod',
  environment: 'production' as const,
  namespaceEnvironments: [
    { namespace: 'sandbox-*', environment: 'development' as const },
  ],
};
const grants = [
  {
    namespace: 'orders',
    serviceAccount: 'orders-api',
    clientId: 'AAAA-1',
    requestId: 'req-1',
  },
];

describe('guardrailManifests', () => {
  it('hands a GitOps cluster the namespace, the grants and the policies, in the order kubectl applies them', () => {
    const objects = guardrailManifests({
      cluster,
      settings: { mode: 'deny', requireProvisionedServiceAccounts: false },
      grants,
      engine: 'admission-policy',
    });
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/azure-workload-identity-system',
      'ConfigMap/azure-workload-identity-grants',
      'ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants',
      'ValidatingAdmissionPolicyBinding/azure-workload-identity-client-id-grants',
      'ValidatingAdmissionPolicy/azure-workload-identity-no-default-sa',
      'ValidatingAdmissionPolicyBinding/azure-workload-identity-no-default-sa',
    ]);
    expect(objects[1].data).toEqual({
      'orders.aaaa-1': 'req-1',
      'sa.orders.orders-api': 'req-1',
    });
    const documents = parseAllDocuments(toYamlDocuments(objects)).map(d =>
      d.toJS(),
    );
    expect(documents).toEqual(JSON.parse(JSON.stringify(objects)));
  });

  it('marks each policy with a digest that changes when what it enforces changes', () => {
    const version = (mode: 'audit' | 'deny') =>
      guardrailManifests({
        cluster,
        settings: { mode, requireProvisionedServiceAccounts: false },
        grants,
        engine: 'admission-policy',
      })
        .filter(o => o.kind === 'ValidatingAdmissionPolicyBinding')
        .map(
          o =>
            o.metadata.annotations![
              'azure-workload-identity.backstage.io/guardrail-version'
            ],
        );
    expect(version('deny')).toEqual(version('deny'));
    expect(version('deny')).not.toEqual(version('audit'));
  });

  it('exports an equivalent Kyverno ClusterPolicy for clusters that standardise on Kyverno', () => {
    const [, , policy] = guardrailManifests({
      cluster,
      settings: { mode: 'audit', requireProvisionedServiceAccounts: false },
      grants,
      engine: 'kyverno',
    });
    expect(policy.apiVersion).toBe('kyverno.io/v1');
    expect(policy.kind).toBe('ClusterPolicy');
    const rules = (policy.spec as any).rules;
    expect(rules.map((r: any) => [r.name, r.validate.failureAction])).toEqual([
      ['client-id-granted-to-namespace', 'Audit'],
      ['no-default-service-account-in-production', 'Audit'],
    ]);
    expect(rules[1].match.any[0].resources.namespaces).toEqual(['*']);
    expect(rules[1].exclude.any[0].resources.namespaces).toEqual(['sandbox-*']);
  });
});
