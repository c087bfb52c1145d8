import { ClusterIssuer, newSigningKey } from '../oidc';
import {
  clientIdGrantsBinding,
  clientIdGrantsPolicy,
  noDefaultServiceAccountBinding,
} from './admissionPolicy/__testUtils__/workloadIdentityPolicies';
import { StatusError } from './api/status';
import { KubernetesCluster } from './cluster';
import { KubeObject } from './types';

const key = newSigningKey();

function cluster() {
  return new KubernetesCluster({
    name: 'aks-test',
    tenantId: '72f988bf-0000-0000-0000-000000000001',
    issuer: new ClusterIssuer('https://issuer.example/t/g/', key),
    tokens: { admin: 'admin-token' },
  });
}

/** What `cluster.create` refused, as kubectl reads it: the message and `field: message` per cause. */
function refusal(object: KubeObject) {
  try {
    cluster().create(object);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    return {
      code: e.code,
      message: e.message,
      causes: ((e.details?.causes ?? []) as any[]).map(
        c => `${c.field}: ${c.message}`,
      ),
    };
  }
  throw new Error('created');
}

const binding = (spec: Record<string, unknown>): KubeObject => ({
  ...clientIdGrantsBinding(),
  metadata: { name: 'b' },
  spec: spec as any,
});

const policy = (spec: Record<string, unknown>): KubeObject => {
  const base = clientIdGrantsPolicy();
  return { ...base, metadata: { name: 'p' }, spec: { ...base.spec, ...spec } };
};

describe('validation of ValidatingAdmissionPolicy and its bindings', () => {
  it('stores the defaults kube-apiserver fills in', () => {
    const c = cluster();
    const { failurePolicy, ...spec } = clientIdGrantsPolicy().spec;
    expect(failurePolicy).toBe('Fail');
    const stored = c.create({ ...clientIdGrantsPolicy(), spec });
    expect(stored.spec.failurePolicy).toBe('Fail');
    expect(stored.spec.matchConstraints).toMatchObject({
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      resourceRules: [expect.objectContaining({ scope: '*' })],
    });
    expect(stored.metadata.generation).toBe(1);
    const bound = c.create(
      noDefaultServiceAccountBinding({ productionNamespaces: ['orders'] }),
    );
    expect(bound.spec.matchResources.matchPolicy).toBe('Equivalent');
  });

  it('words a refusal as apierrors.NewInvalid, with the group-qualified kind', () => {
    expect(refusal(binding({ validationActions: ['Deny'] }))).toEqual({
      code: 422,
      message:
        'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io "b" is invalid: spec.policyName: Required value',
      causes: ['spec.policyName: Required value'],
    });
  });

  it('refuses validation actions that are missing, unknown, repeated, or Deny with Warn', () => {
    expect(refusal(binding({ policyName: 'p' })).causes).toEqual([
      'spec.validationActions: Required value: at least one validation action is required',
    ]);
    expect(
      refusal(
        binding({
          policyName: 'p',
          validationActions: ['Block', 'Warn', 'Warn'],
        }),
      ).causes,
    ).toEqual([
      'spec.validationActions[0]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"',
      'spec.validationActions[2]: Duplicate value: "Warn"',
    ]);
    expect(
      refusal(
        binding({
          policyName: 'p',
          validationActions: ['Audit', 'Deny', 'Warn'],
        }),
      ).causes,
    ).toEqual([
      'spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Audit", "Deny", "Warn"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ]);
  });

  it('refuses a paramRef without a parameterNotFoundAction, or with both name and selector', () => {
    expect(
      refusal(
        binding({
          policyName: 'p',
          validationActions: ['Deny'],
          paramRef: { name: 'grants', selector: {} },
        }),
      ).causes,
    ).toEqual([
      'spec.paramRef.name: Forbidden: name and selector are mutually exclusive',
      'spec.paramRef.selector: Forbidden: name and selector are mutually exclusive',
      'spec.paramRef.parameterNotFoundAction: Required value',
    ]);
    expect(
      refusal(
        binding({
          policyName: 'p',
          validationActions: ['Deny'],
          paramRef: { parameterNotFoundAction: 'Skip' },
        }),
      ).causes,
    ).toEqual([
      'spec.paramRef: Required value: one of name or selector must be specified',
      'spec.paramRef.parameterNotFoundAction: Unsupported value: "Skip": supported values: "Deny", "Allow"',
    ]);
  });

  it("checks a binding's matchResources under the field name kube-apiserver prints", () => {
    expect(
      refusal(
        binding({
          policyName: 'p',
          validationActions: ['Deny'],
          matchResources: { resourceRules: [{ resources: ['pods'] }] },
        }),
      ).causes,
    ).toEqual([
      'spec.matchResouces.resourceRules[0].operations: Required value',
      'spec.matchResouces.resourceRules[0].apiGroups: Required value',
      'spec.matchResouces.resourceRules[0].apiVersions: Required value',
    ]);
  });

  it('refuses a policy without match constraints, validations, or with an unknown failure policy', () => {
    const { matchConstraints, ...rest } = clientIdGrantsPolicy().spec;
    expect(matchConstraints).toBeDefined();
    expect(
      refusal({
        ...clientIdGrantsPolicy(),
        spec: { ...rest, failurePolicy: 'Sometimes', validations: [] },
      }).causes,
    ).toEqual([
      'spec.failurePolicy: Unsupported value: "Sometimes": supported values: "Fail", "Ignore"',
      'spec.matchConstraints: Required value',
      'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
      'spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item',
    ]);
  });

  it('refuses expressions that do not compile, blank messages and unsupported reasons', () => {
    const refused = refusal(
      policy({
        validations: [
          { expression: 'object.metadata.name ==', reason: 'Teapot' },
          { expression: 'true', message: '   ' },
        ],
      }),
    );
    expect(refused.causes).toEqual([
      expect.stringMatching(
        /^spec\.validations\[0\]\.expression: Invalid value: "object\.metadata\.name ==": compilation failed: /,
      ),
      'spec.validations[0].reason: Unsupported value: "Teapot": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"',
      'spec.validations[1].message: Invalid value: "   ": message must be non-empty if specified',
    ]);
    // `params` is only declared for a policy with a paramKind.
    const { paramKind, ...withoutParams } = clientIdGrantsPolicy().spec;
    expect(paramKind).toBeDefined();
    expect(
      refusal({ ...clientIdGrantsPolicy(), spec: withoutParams }).causes,
    ).toEqual([
      expect.stringMatching(
        /^spec\.validations\[0\]\.expression: Invalid value: ".*": compilation failed: /,
      ),
    ]);
  });
});
