import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DemoSandbox,
  startDemoSandbox,
} from '../clients/__testUtils__/startDemoSandbox';
import { readConfig } from '../config/readConfig';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { createSelfChecker } from './createSelfChecker';

jest.setTimeout(60_000);

const PROVISIONER_ROLE = 'backstage-workload-identity-provisioner';
const GUARDED = 'cluster aks-prod (guardrails in deny mode)';

/**
 * The guardrails' rights in the self-check against the twin: asked of the provisioner's
 * credential on a cluster whose guardrails are deny, not on one where they are off, and
 * answered by the Kubernetes API server's own SelfSubjectAccessReview.
 */
describe("self-check of the guardrails' rights against the sandbox", () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  const modes: Record<string, GuardrailMode> = {
    'aks-prod': 'deny',
    'aks-dev': 'off',
  };
  const check = () =>
    createSelfChecker({
      config: readConfig(new ConfigReader(demo.appConfig())),
      clientOptions: demo.clientOptions,
      guardrailModeOf: cluster => modes[cluster] ?? 'off',
    }).check();
  const aksProd = () => demo.sandbox.demo!.kubernetes.cluster('aks-prod');

  /** The provisioner's ClusterRole as it was before the guardrails: service accounts only. */
  function provisionerWithoutGuardrailRights() {
    aksProd().apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: PROVISIONER_ROLE },
      rules: [
        {
          apiGroups: [''],
          resources: ['serviceaccounts'],
          verbs: [
            'get',
            'list',
            'watch',
            'create',
            'update',
            'patch',
            'delete',
          ],
        },
      ],
    });
  }

  it('asks for them on the deny cluster only, and finds them granted to the demo portal', async () => {
    const report = await check();
    expect(report.checks.filter(c => c.status !== 'granted')).toEqual([]);
    expect(
      report.checks
        .filter(c => c.area === 'kubernetes')
        .map(c => `${c.purpose} ${c.scope}`),
    ).toEqual([
      'inspection cluster aks-prod',
      'provisioning cluster aks-prod',
      `provisioning ${GUARDED}`,
      'inspection cluster aks-dev',
      'provisioning cluster aks-dev',
    ]);
  });

  it('names what a provisioner without them lacks, and the role of the RBAC file that grants it', async () => {
    provisionerWithoutGuardrailRights();
    try {
      const report = await check();
      expect(report.ready).toEqual({ inspection: true, provisioning: false });
      const missing = report.checks.filter(c => c.status !== 'granted');
      expect(missing).toEqual([
        {
          area: 'kubernetes',
          purpose: 'provisioning',
          scope: GUARDED,
          as: 'system:serviceaccount:backstage-system:backstage-provisioner',
          status: 'missing',
          missing: [
            'get validatingadmissionpolicies.admissionregistration.k8s.io',
            'list validatingadmissionpolicies.admissionregistration.k8s.io',
            'create validatingadmissionpolicies.admissionregistration.k8s.io',
            'update validatingadmissionpolicies.admissionregistration.k8s.io',
            'delete validatingadmissionpolicies.admissionregistration.k8s.io',
            'get validatingadmissionpolicybindings.admissionregistration.k8s.io',
            'list validatingadmissionpolicybindings.admissionregistration.k8s.io',
            'create validatingadmissionpolicybindings.admissionregistration.k8s.io',
            'update validatingadmissionpolicybindings.admissionregistration.k8s.io',
            'delete validatingadmissionpolicybindings.admissionregistration.k8s.io',
            'get namespaces azure-workload-identity-system',
            'create namespaces',
            'get configmaps azure-workload-identity-system/azure-workload-identity-grants',
            'update configmaps azure-workload-identity-system/azure-workload-identity-grants',
            'create configmaps in azure-workload-identity-system',
          ],
          granted: [],
          fix: 'kubectl --context aks-prod apply -f docs/deployment/kubernetes-rbac.yaml --selector azure-workload-identity.backstage.io/rbac=provisioner',
        },
      ]);

      // What the fix applies: the RBAC file's objects with that label.
      const manifest = await fs.readFile(
        path.resolve(
          __dirname,
          '../../../../docs/deployment/kubernetes-rbac.yaml',
        ),
        'utf8',
      );
      const selected = parseAllDocuments(manifest)
        .map(doc => doc.toJS())
        .filter(
          o =>
            o?.metadata?.labels?.[
              'azure-workload-identity.backstage.io/rbac'
            ] === 'provisioner',
        );
      expect(selected.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
        `ClusterRole/${PROVISIONER_ROLE}`,
      ]);
      for (const object of selected) aksProd().apply(object);
      const fixed = await check();
      expect(fixed.checks.filter(c => c.status !== 'granted')).toEqual([]);
    } finally {
      await demo.sandbox.demo!.reset();
    }
  });
});
