import yaml from 'js-yaml';
import {
  startTestKubernetes,
  TestKubernetes,
} from '../../kubernetes/__testUtils__';
import {
  CLIENT_ID_POLICY,
  clientIdGrantsBinding,
  clientIdGrantsPolicy,
  grantsConfigMap,
  GRANTS_NAMESPACE,
} from '../../kubernetes/admissionPolicy/__testUtils__/workloadIdentityPolicies';

jest.setTimeout(60_000);

const documents = (objects: unknown[]) =>
  objects.map(o => yaml.dump(o)).join('---\n');

describe("the portal's RBAC for guardrails", () => {
  let k: TestKubernetes;
  beforeAll(async () => {
    k = await startTestKubernetes({ clusters: [{ name: 'aks-prod' }] });
  });
  afterAll(() => k.stop());

  const as = (role: 'provisioner' | 'reader', args: string[], stdin?: string) =>
    k.kubectl(['--context', `aks-prod-${role}`, ...args], stdin);

  it('lets the provisioner install the guardrails and keep the grants, and nothing else of ConfigMaps', async () => {
    const installed = await as(
      'provisioner',
      ['apply', '-f', '-'],
      documents([
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: GRANTS_NAMESPACE },
        },
        clientIdGrantsPolicy(),
        clientIdGrantsBinding(),
        grantsConfigMap([]),
      ]),
    );
    expect(installed).toMatchObject({ code: 0, stderr: '' });
    const granted = await as(
      'provisioner',
      ['apply', '-f', '-'],
      documents([
        grantsConfigMap([
          { namespace: 'orders', clientId: 'c1', requestId: 'r1' },
        ]),
      ]),
    );
    expect(granted.stdout).toBe(
      'configmap/azure-workload-identity-grants configured\n',
    );
    expect(
      (
        await as('provisioner', [
          '-n',
          'kube-system',
          'patch',
          'configmap',
          'azure-wi-webhook-config',
          '-p',
          '{"data":{"AZURE_TENANT_ID":"other"}}',
        ])
      ).stderr,
    ).toBe(
      'Error from server (Forbidden): configmaps "azure-wi-webhook-config" is forbidden: User "system:serviceaccount:backstage-system:backstage-provisioner" cannot patch resource "configmaps" in API group "" in the namespace "kube-system"\n',
    );
  });

  it('lets the reader see the guardrails and the grants, but not change them', async () => {
    const grants = await as('reader', [
      '-n',
      GRANTS_NAMESPACE,
      'get',
      'configmap',
      'azure-workload-identity-grants',
      '-o',
      'jsonpath={.data}',
    ]);
    expect(grants.stdout).toBe('{"orders.c1":"r1"}');
    const policies = await as('reader', [
      'get',
      'validatingadmissionpolicies,validatingadmissionpolicybindings',
      '-o',
      'name',
    ]);
    expect(policies.stdout).toBe(
      `validatingadmissionpolicy.admissionregistration.k8s.io/${CLIENT_ID_POLICY}\nvalidatingadmissionpolicybinding.admissionregistration.k8s.io/${CLIENT_ID_POLICY}\n`,
    );
    expect(
      (
        await as('reader', [
          'delete',
          'validatingadmissionpolicybinding',
          CLIENT_ID_POLICY,
        ])
      ).stderr,
    ).toBe(
      `Error from server (Forbidden): validatingadmissionpolicybindings.admissionregistration.k8s.io "${CLIENT_ID_POLICY}" is forbidden: User "system:serviceaccount:backstage-system:backstage-reader" cannot delete resource "validatingadmissionpolicybindings" in API group "admissionregistration.k8s.io" at the cluster scope\n`,
    );
  });
});
