import type {
  ChainView,
  Finding,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { judgeChain } from './judgeChain';

const binding = (cluster: string) => ({
  usesWorkloadIdentity: true,
  cluster,
  namespace: 'orders',
  workload: 'orders-api',
  pods: 2,
  serviceAccount: 'orders-api',
  federatedCredentials: [],
  roleAssignments: [],
  targets: [],
});

const finding = (overrides: Partial<Finding>): Finding => ({
  ruleId: 'pod-label-missing',
  link: 'pod',
  severity: 'error',
  state: 'broken',
  message: 'Pods of orders-api are not labelled for workload identity',
  evidence: {
    expected: 'azure.workload.identity/use: "true"',
    actual: 'no label',
  },
  fix: {
    kind: 'command',
    text: 'kubectl --context aks-prod -n orders patch deployment orders-api ...',
    owner: 'component',
  },
  ref: {
    cluster: 'aks-prod',
    namespace: 'orders',
    kind: 'Deployment',
    name: 'orders-api',
  },
  ...overrides,
});

const chainWith = (
  findings: Finding[],
  clusters = ['aks-prod', 'aks-dev'],
): ChainView => ({
  entityRef: 'component:default/orders-api',
  checkedAt: '2026-12-07T06:00:00.000Z',
  links: {} as ChainView['links'],
  findings,
  bindings: clusters.map(binding),
});

describe('judgeChain', () => {
  it('passes a chain without findings and says so', () => {
    const verdict = judgeChain({ chain: chainWith([]), failOn: 'error' });
    expect(verdict.passed).toBe(true);
    expect(verdict.report).toContain(
      'PASSED: the Azure Workload Identity chain of component:default/orders-api has no errors',
    );
  });

  it('stops on an error and prints what was expected, what was found and the fix', () => {
    const verdict = judgeChain({
      chain: chainWith([finding({})]),
      cluster: 'aks-prod',
      failOn: 'error',
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.report).toContain('FAILED');
    expect(verdict.report).toContain(
      'on aks-prod has 1 finding that stops this release',
    );
    expect(verdict.report).toContain('ERROR pod-label-missing (pod)');
    expect(verdict.report).toContain(
      'expected: azure.workload.identity/use: "true"',
    );
    expect(verdict.report).toContain('fix (the component team):');
    expect(verdict.report).toContain(
      'kubectl --context aks-prod -n orders patch',
    );
  });

  it("prints the fix's note after its commands, on a line of its own", () => {
    const verdict = judgeChain({
      chain: chainWith([
        finding({
          fix: {
            kind: 'command',
            text: 'az aks update -g rg-aks -n aks-prod --enable-oidc-issuer\naz aks show -g rg-aks -n aks-prod --query oidcIssuerProfile.issuerUrl -o tsv',
            owner: 'platform',
            note: 'The second command prints the issuer URL: use it exactly as printed in every federated credential.',
          },
        }),
      ]),
      failOn: 'error',
    });
    expect(verdict.report).toContain(
      [
        '  fix (the platform team):',
        '    az aks update -g rg-aks -n aks-prod --enable-oidc-issuer',
        '    az aks show -g rg-aks -n aks-prod --query oidcIssuerProfile.issuerUrl -o tsv',
        '  note: The second command prints the issuer URL: use it exactly as printed in every federated credential.',
      ].join('\n'),
    );
  });

  it('prints no note line where the fix has none', () => {
    const verdict = judgeChain({
      chain: chainWith([finding({})]),
      failOn: 'error',
    });
    expect(verdict.report).not.toContain('note:');
  });

  it('judges only the cluster being deployed to, but counts Azure-side findings for every cluster', () => {
    const onDev = finding({
      ref: { cluster: 'aks-dev', kind: 'Deployment', name: 'x' },
    });
    const azureSide = finding({
      ruleId: 'ra-missing',
      link: 'roleassignment',
      ref: { kind: 'RoleAssignment', name: 'ordersdata' },
    });
    expect(
      judgeChain({
        chain: chainWith([onDev]),
        cluster: 'aks-prod',
        failOn: 'error',
      }).passed,
    ).toBe(true);
    expect(
      judgeChain({
        chain: chainWith([azureSide]),
        cluster: 'aks-prod',
        failOn: 'error',
      }).passed,
    ).toBe(false);
  });

  it('lets warnings through unless told to stop on them, and always lists them', () => {
    const warning = finding({
      severity: 'warning',
      state: 'degraded',
      ruleId: 'fic-count-near-limit',
    });
    const lenient = judgeChain({
      chain: chainWith([warning]),
      failOn: 'error',
    });
    expect(lenient.passed).toBe(true);
    expect(lenient.report).toContain('Also found (not stopping this release):');
    expect(lenient.report).toContain('WARNING fic-count-near-limit');
    expect(
      judgeChain({ chain: chainWith([warning]), failOn: 'warning' }).passed,
    ).toBe(false);
  });

  it('leaves out findings masked by their root cause', () => {
    const masked = finding({ maskedBy: 'fic-issuer-stale' });
    expect(
      judgeChain({ chain: chainWith([masked]), failOn: 'error' }).passed,
    ).toBe(true);
  });

  it('has nothing to check on a cluster the component does not run on', () => {
    const verdict = judgeChain({
      chain: chainWith([finding({})], ['aks-dev']),
      cluster: 'aks-prod',
      failOn: 'error',
    });
    expect(verdict.passed).toBe(true);
    expect(verdict.report).toContain(
      'has no workload identity binding on aks-prod: nothing to check',
    );
  });
});
