import { ClusterIssuer, newSigningKey } from '../../oidc';
import {
  DEFAULT_SA_POLICY,
  noDefaultServiceAccountBinding,
  noDefaultServiceAccountPolicy,
} from '../admissionPolicy/__testUtils__/workloadIdentityPolicies';
import { KubernetesCluster } from '../cluster';
import { KubeObject } from '../types';

const key = newSigningKey();

function cluster() {
  return new KubernetesCluster({
    name: 'aks-test',
    tenantId: '72f988bf-0000-0000-0000-000000000001',
    issuer: new ClusterIssuer('https://issuer.example/t/g/', key),
    tokens: { admin: 'admin-token' },
  });
}

const API = 'admissionregistration.k8s.io/v1';

/** A policy on one resource and operation, bound with Deny, refusing whatever `expression` rejects. */
function install(
  c: KubernetesCluster,
  options: {
    name: string;
    apiGroups?: string[];
    resources: string[];
    operations: string[];
    expression: string;
    paramKind?: { apiVersion: string; kind: string };
  },
) {
  c.create({
    apiVersion: API,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: options.name },
    spec: {
      ...(options.paramKind ? { paramKind: options.paramKind } : {}),
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: options.apiGroups ?? [''],
            apiVersions: ['*'],
            operations: options.operations,
            resources: options.resources,
          },
        ],
      },
      validations: [{ expression: options.expression, reason: 'Forbidden' }],
    },
  });
  c.create({
    apiVersion: API,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: options.name },
    spec: {
      policyName: options.name,
      validationActions: ['Deny'],
      ...(options.paramKind
        ? {
            paramRef: { name: 'any', parameterNotFoundAction: 'Deny' },
          }
        : {}),
    },
  });
}

const configMap = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
});

describe('the ValidatingAdmissionPolicy admission plugin', () => {
  it("refuses pods a replica set creates, which shows as the controller's FailedCreate event", () => {
    const c = cluster();
    c.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'orders' },
    });
    c.create(noDefaultServiceAccountPolicy());
    c.create(
      noDefaultServiceAccountBinding({ productionNamespaces: ['orders'] }),
    );
    c.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'orders' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'orders-api' } },
        template: {
          metadata: {
            labels: {
              app: 'orders-api',
              'azure.workload.identity/use': 'true',
            },
          },
          spec: { containers: [{ name: 'app', image: 'example/app:1' }] },
        },
      },
    });
    expect(c.list(c.type('v1', 'Pod'), { namespace: 'orders' })).toEqual([]);
    const failed = c
      .list(c.type('v1', 'Event'), { namespace: 'orders' })
      .find(e => e.reason === 'FailedCreate');
    expect(failed?.message).toMatch(
      new RegExp(
        `^Error creating: pods "orders-api-[a-z0-9]+-[a-z0-9]{5}" is forbidden: ValidatingAdmissionPolicy '${DEFAULT_SA_POLICY}' with binding '${DEFAULT_SA_POLICY}' denied request: pods using Azure workload identity in production namespace orders must not run as the default service account;`,
      ),
    );
  });

  it('sees deletes, with the stored object as oldObject', () => {
    const c = cluster();
    c.create(configMap('keep'));
    install(c, {
      name: 'keep-config',
      resources: ['configmaps'],
      operations: ['DELETE'],
      expression: "oldObject.metadata.name != 'keep'",
    });
    expect(() =>
      c.delete(c.type('v1', 'ConfigMap'), 'default', 'keep'),
    ).toThrow(
      `configmaps "keep" is forbidden: ValidatingAdmissionPolicy 'keep-config' with binding 'keep-config' denied request: failed expression: oldObject.metadata.name != 'keep'`,
    );
  });

  it('reads params of a kind the cluster does not serve as a misconfiguration, which denies under Fail', () => {
    const c = cluster();
    install(c, {
      name: 'with-grants',
      resources: ['configmaps'],
      operations: ['CREATE'],
      expression: 'true',
      paramKind: { apiVersion: 'example.com/v1', kind: 'Grants' },
    });
    expect(() => c.create(configMap('any'))).toThrow(
      `configmaps "any" is forbidden: ValidatingAdmissionPolicy 'with-grants' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Grants'`,
    );
  });

  it("evaluates the twin's own writes as the API server's loopback user, and never the policies themselves", () => {
    const c = cluster();
    install(c, {
      name: 'admins-only',
      resources: ['configmaps'],
      operations: ['CREATE'],
      expression: "request.userInfo.username == 'system:apiserver'",
    });
    c.create(configMap('seeded'));
    expect(() =>
      c.create(configMap('by-alice'), {
        user: { username: 'alice', groups: ['system:authenticated'] },
      }),
    ).toThrow(/denied request: failed expression/);
    // A policy refusing every write still lets its own objects be changed, so it can be undone.
    install(c, {
      name: 'no-more',
      apiGroups: ['*'],
      resources: ['*'],
      operations: ['*'],
      expression: 'false',
    });
    expect(() => c.create(configMap('after'))).toThrow(/'no-more'/);
    const bindings = c.type(API, 'ValidatingAdmissionPolicyBinding');
    c.delete(bindings, undefined, 'no-more');
    expect(c.list(bindings).map(b => b.metadata.name)).toEqual(['admins-only']);
    c.create(configMap('after'));
  });
});
