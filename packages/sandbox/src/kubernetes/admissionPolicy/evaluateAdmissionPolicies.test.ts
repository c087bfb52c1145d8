import type { KubeObject } from '../types';
import { evaluateAdmissionPolicies } from './evaluateAdmissionPolicies';
import { bindingFor, configMapPolicy } from './__testUtils__/policies';
import {
  coreRequest,
  FakeParamSource,
  namespaceObject,
} from './__testUtils__/requests';
import type {
  AdmissionPolicyInput,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from './types';

const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'orders' },
  data,
});

function run(
  policies: ValidatingAdmissionPolicy[],
  bindings: ValidatingAdmissionPolicyBinding[],
  overrides: Partial<AdmissionPolicyInput> = {},
) {
  return evaluateAdmissionPolicies({
    attributes: coreRequest({
      operation: 'CREATE',
      resource: 'configmaps',
      kind: 'ConfigMap',
      object: configMap({ size: 'large' }),
    }),
    namespaceObject: namespaceObject('orders'),
    policies,
    bindings,
    params: new FakeParamSource([]),
    ...overrides,
  });
}

const smallOnly = configMapPolicy('small-only', {
  validations: [{ expression: "object.data.size == 'small'" }],
});

describe('evaluateAdmissionPolicies', () => {
  it('denies with the failed expression and reason Invalid when the validation says nothing else', () => {
    const verdict = run([smallOnly], [bindingFor('small-only')]);
    const text =
      "ValidatingAdmissionPolicy 'small-only' with binding 'small-only-binding' denied request: failed expression: object.data.size == 'small'";
    expect(verdict).toEqual({
      allowed: false,
      status: {
        code: 422,
        reason: 'Invalid',
        message: `configmaps "settings" is forbidden: ${text}`,
        details: {
          name: 'settings',
          kind: 'configmaps',
          causes: [{ message: text }],
        },
      },
      warnings: [],
      auditAnnotations: [],
    });
  });

  it.each([
    ['Forbidden', 403],
    ['Unauthorized', 401],
    ['RequestEntityTooLarge', 413],
  ])('answers reason %s with HTTP %d', (reason, code) => {
    const policy = configMapPolicy('p', {
      validations: [{ expression: 'false', reason }],
    });
    expect(run([policy], [bindingFor('p')]).status).toMatchObject({
      code,
      reason,
    });
  });

  it('admits when every validation holds', () => {
    const policy = configMapPolicy('large-ok', {
      validations: [{ expression: "object.data.size == 'large'" }],
    });
    expect(run([policy], [bindingFor('large-ok')])).toEqual({
      allowed: true,
      warnings: [],
      auditAnnotations: [],
    });
  });

  it('warns instead of denying under Warn, once per distinct message', () => {
    const verdict = run(
      [smallOnly],
      [
        bindingFor('small-only', { validationActions: ['Warn', 'Audit'] }),
        bindingFor('small-only', { validationActions: ['Warn'] }, 'second'),
      ],
    );
    expect(verdict.allowed).toBe(true);
    expect(verdict.warnings).toEqual([
      "Validation failed for ValidatingAdmissionPolicy 'small-only' with binding 'small-only-binding': failed expression: object.data.size == 'small'",
      "Validation failed for ValidatingAdmissionPolicy 'small-only' with binding 'second': failed expression: object.data.size == 'small'",
    ]);
    expect(verdict.auditAnnotations).toHaveLength(1);
  });

  it('keeps the first validation failure annotation when several bindings audit', () => {
    const verdict = run(
      [smallOnly],
      [
        bindingFor('small-only', { validationActions: ['Audit'] }, 'first'),
        bindingFor('small-only', { validationActions: ['Audit'] }, 'second'),
      ],
    );
    expect(verdict.allowed).toBe(true);
    expect(verdict.auditAnnotations).toHaveLength(1);
    expect(JSON.parse(verdict.auditAnnotations[0].value)[0].binding).toBe(
      'first',
    );
  });

  it('answers with the first denial when several policies deny', () => {
    const other = configMapPolicy('other', {
      validations: [{ expression: 'false', message: 'other says no' }],
    });
    const verdict = run(
      [smallOnly, other],
      [bindingFor('other'), bindingFor('small-only')],
    );
    expect(verdict.status?.message).toContain("'small-only'");
  });

  it('ignores policies without bindings and bindings without policies', () => {
    expect(run([smallOnly], []).allowed).toBe(true);
    expect(run([], [bindingFor('small-only')]).allowed).toBe(true);
  });

  it('ignores requests outside the policy or the binding', () => {
    const deleteRequest = coreRequest({
      operation: 'DELETE',
      resource: 'configmaps',
      kind: 'ConfigMap',
      oldObject: configMap({}),
    });
    expect(
      run([smallOnly], [bindingFor('small-only')], {
        attributes: deleteRequest,
      }).allowed,
    ).toBe(true);
    const onlyPayments = bindingFor('small-only', {
      matchResources: {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'payments' },
        },
      },
    });
    expect(run([smallOnly], [onlyPayments]).allowed).toBe(true);
  });

  describe('failurePolicy', () => {
    const broken = (failurePolicy?: 'Fail' | 'Ignore') =>
      configMapPolicy('broken', {
        failurePolicy,
        validations: [{ expression: 'object.data.missing == "x"' }],
      });

    it('denies on an evaluation error under Fail, the default', () => {
      const verdict = run([broken()], [bindingFor('broken')]);
      expect(verdict.status).toMatchObject({
        code: 422,
        reason: 'Invalid',
        message:
          "configmaps \"settings\" is forbidden: ValidatingAdmissionPolicy 'broken' with binding 'broken-binding' denied request: expression 'object.data.missing == \"x\"' resulted in error: no such key: missing",
      });
    });

    it('enforces an evaluation error through the validation actions', () => {
      const verdict = run(
        [broken('Fail')],
        [bindingFor('broken', { validationActions: ['Warn'] })],
      );
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings[0]).toContain('resulted in error: no such key');
    });

    it('admits on errors under Ignore', () => {
      expect(run([broken('Ignore')], [bindingFor('broken')]).allowed).toBe(
        true,
      );
    });
  });

  describe('configuration errors', () => {
    const withParams = (kind: string, apiVersion = 'v1') =>
      configMapPolicy('limits', {
        paramKind: { apiVersion, kind },
        validations: [{ expression: 'params.data.size == object.data.size' }],
      });

    it('denies when the paramKind is not served', () => {
      const verdict = run(
        [withParams('Widget', 'example.com/v1')],
        [bindingFor('limits', { paramRef: { name: 'w' } })],
      );
      expect(verdict.status?.message).toBe(
        "configmaps \"settings\" is forbidden: ValidatingAdmissionPolicy 'limits' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Widget'",
      );
    });

    it('denies a missing param under parameterNotFoundAction Deny, whatever the validation actions', () => {
      const verdict = run(
        [withParams('ConfigMap')],
        [
          bindingFor('limits', {
            validationActions: ['Audit'],
            paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' },
          }),
        ],
      );
      expect(verdict.status).toMatchObject({
        code: 422,
        reason: 'Invalid',
        message:
          "configmaps \"settings\" is forbidden: ValidatingAdmissionPolicy 'limits' with binding 'limits-binding' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
      });
    });

    it('skips the policy when the param is missing under Allow, or errors are ignored', () => {
      const allow = bindingFor('limits', {
        paramRef: { name: 'limits', parameterNotFoundAction: 'Allow' },
      });
      expect(run([withParams('ConfigMap')], [allow]).allowed).toBe(true);
      const ignoring = { ...withParams('Widget', 'example.com/v1') };
      ignoring.spec = { ...ignoring.spec, failurePolicy: 'Ignore' };
      expect(
        run([ignoring], [bindingFor('limits', { paramRef: { name: 'w' } })])
          .allowed,
      ).toBe(true);
    });
  });

  describe('params', () => {
    const limit = (namespace: string, size: string, labels = {}) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `limit-${size}`, namespace, labels },
      data: { size },
    });
    const sameSize = configMapPolicy('same-size', {
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      validations: [
        {
          expression: 'params.data.size == object.data.size',
          messageExpression: "'size must be ' + params.data.size",
        },
      ],
    });

    it('reads a namespaced param from the request namespace when the paramRef names none', () => {
      const params = new FakeParamSource([
        limit('orders', 'large'),
        limit('payments', 'small'),
      ]);
      const binding = bindingFor('same-size', {
        paramRef: { name: 'limit-large', parameterNotFoundAction: 'Deny' },
      });
      expect(run([sameSize], [binding], { params }).allowed).toBe(true);
      expect(params.queries).toEqual([
        { kind: { apiVersion: 'v1', kind: 'ConfigMap' }, namespace: 'orders' },
      ]);
    });

    it('evaluates every param a selector picks, and any failure denies', () => {
      const params = new FakeParamSource([
        limit('orders', 'large', { team: 'orders' }),
        limit('orders', 'small', { team: 'orders' }),
        limit('orders', 'medium', { team: 'other' }),
      ]);
      const binding = bindingFor('same-size', {
        paramRef: {
          selector: { matchLabels: { team: 'orders' } },
          parameterNotFoundAction: 'Deny',
        },
      });
      const verdict = run([sameSize], [binding], { params });
      expect(verdict.status?.message).toMatch(
        /denied request: size must be small$/,
      );
    });
  });
});
