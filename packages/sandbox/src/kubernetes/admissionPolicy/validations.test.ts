import { evaluateAdmissionPolicies } from './evaluateAdmissionPolicies';
import { bindingFor, configMapPolicy } from './__testUtils__/policies';
import {
  coreRequest,
  FakeParamSource,
  namespaceObject,
} from './__testUtils__/requests';
import type { AdmissionAttributes, ValidatingAdmissionPolicy } from './types';

const createRequest = coreRequest({
  operation: 'CREATE',
  resource: 'configmaps',
  kind: 'ConfigMap',
  object: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'settings',
      namespace: 'orders',
      labels: { tier: 'web' },
    },
    data: { size: 'large', replicas: '3' },
  },
  username: 'alice@contoso.example',
});

function check(
  spec: Partial<ValidatingAdmissionPolicy['spec']>,
  attributes: AdmissionAttributes = createRequest,
) {
  return evaluateAdmissionPolicies({
    attributes,
    namespaceObject: namespaceObject('orders', { environment: 'production' }),
    policies: [configMapPolicy('p', spec)],
    bindings: [bindingFor('p', {}, 'b')],
    params: new FakeParamSource([]),
  });
}

/** The policy's own message inside the denial. */
const messageOf = (spec: Partial<ValidatingAdmissionPolicy['spec']>) =>
  check(spec).status?.details.causes[0].message.replace(
    "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: ",
    '',
  );

describe('validation messages', () => {
  it('prefers the messageExpression, trimmed', () => {
    expect(
      messageOf({
        validations: [
          {
            expression: 'false',
            message: 'static',
            messageExpression: "'  size ' + object.data.size + ' is too big '",
          },
        ],
      }),
    ).toBe('size large is too big');
  });

  it.each([
    ['fails to evaluate', 'object.data.nope'],
    ['is not a string', '42'],
    ['spans lines', "'first\\nsecond'"],
    ['is blank', "'   '"],
  ])(
    'falls back to the static message when the messageExpression %s',
    (_, messageExpression) => {
      expect(
        messageOf({
          validations: [
            { expression: 'false', message: ' static ', messageExpression },
          ],
        }),
      ).toBe('static');
    },
  );

  it('falls back to the trimmed expression when there is no message', () => {
    expect(
      messageOf({
        validations: [
          { expression: ' false ', messageExpression: 'object.data.nope' },
        ],
      }),
    ).toBe('failed expression: false');
  });

  it('denies on any result that is not true', () => {
    expect(check({ validations: [{ expression: "'yes'" }] }).allowed).toBe(
      false,
    );
  });
});

describe('the CEL variables', () => {
  const holds = (expression: string, attributes?: AdmissionAttributes) =>
    check({ validations: [{ expression }] }, attributes).allowed;

  it('describes the request', () => {
    expect(
      holds(
        "request.operation == 'CREATE' && request.namespace == 'orders' && request.name == 'settings' && request.resource.resource == 'configmaps' && request.resource.group == '' && request.kind.kind == 'ConfigMap' && request.userInfo.username == 'alice@contoso.example' && 'system:authenticated' in request.userInfo.groups && request.dryRun == false",
      ),
    ).toBe(true);
    expect(holds('!has(request.subResource) && oldObject == null')).toBe(true);
  });

  it('offers the namespace with its labels but not other metadata', () => {
    expect(
      holds(
        "namespaceObject.metadata.name == 'orders' && namespaceObject.metadata.labels.environment == 'production' && namespaceObject.status.phase == 'Active' && !has(namespaceObject.apiVersion)",
      ),
    ).toBe(true);
  });

  it('has no object on DELETE, only the old one', () => {
    const deletion = coreRequest({
      operation: 'DELETE',
      resource: 'configmaps',
      kind: 'ConfigMap',
      oldObject: createRequest.object,
    });
    const policy = {
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['DELETE' as const],
            resources: ['configmaps'],
          },
        ],
      },
      validations: [
        { expression: "object == null && oldObject.data.size == 'large'" },
      ],
    };
    expect(check(policy, deletion).allowed).toBe(true);
  });
});

describe('matchConditions', () => {
  const failing = { validations: [{ expression: 'false' }] };

  it('skips the policy when a condition is false, even if another errs', () => {
    expect(
      check({
        ...failing,
        matchConditions: [
          { name: 'errs', expression: 'object.data.nope == 1' },
          {
            name: 'web-only',
            expression: "object.metadata.labels.tier == 'api'",
          },
        ],
      }).allowed,
    ).toBe(true);
  });

  it('validates when every condition holds', () => {
    expect(
      check({
        ...failing,
        matchConditions: [
          { name: 'web', expression: "object.metadata.labels.tier == 'web'" },
        ],
      }).allowed,
    ).toBe(false);
  });

  it('denies on condition errors under Fail, listing several in brackets', () => {
    const verdict = check({
      ...failing,
      matchConditions: [
        { name: 'a', expression: 'object.data.nope == 1' },
        { name: 'b', expression: 'object.data.other == 1' },
      ],
    });
    expect(verdict.status?.details.causes[0].message).toBe(
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: [expression 'object.data.nope == 1' resulted in error: no such key: nope, expression 'object.data.other == 1' resulted in error: no such key: other]",
    );
  });

  it('skips the policy on condition errors under Ignore', () => {
    expect(
      check({
        ...failing,
        failurePolicy: 'Ignore',
        matchConditions: [{ name: 'a', expression: 'object.data.nope == 1' }],
      }).allowed,
    ).toBe(true);
  });
});

describe('variables', () => {
  it('are available to validations and message expressions', () => {
    expect(
      messageOf({
        variables: [
          { name: 'size', expression: 'object.data.size' },
          { name: 'isLarge', expression: "variables.size == 'large'" },
        ],
        validations: [
          {
            expression: '!variables.isLarge',
            messageExpression: "'too ' + variables.size",
          },
        ],
      }),
    ).toBe('too large');
  });

  it('are evaluated only when used, so a broken unused one does no harm', () => {
    expect(
      check({
        variables: [{ name: 'broken', expression: 'object.data.nope' }],
        validations: [{ expression: "object.data.size == 'large'" }],
      }).allowed,
    ).toBe(true);
  });

  it('report their own errors inside the expression that used them', () => {
    expect(
      messageOf({
        variables: [{ name: 'broken', expression: 'object.data.nope' }],
        validations: [{ expression: "variables.broken == 'x'" }],
      }),
    ).toBe(
      "expression 'variables.broken == 'x'' resulted in error: composited variable \"broken\" fails to evaluate: no such key: nope",
    );
  });

  it('see only the variables declared before them', () => {
    expect(
      messageOf({
        variables: [
          { name: 'first', expression: 'variables.second' },
          { name: 'second', expression: "'x'" },
        ],
        validations: [{ expression: "variables.first == 'x'" }],
      }),
    ).toContain('composited variable "first" fails to evaluate');
  });
});

describe('auditAnnotations', () => {
  const annotate = (valueExpression: string, failurePolicy?: 'Ignore') =>
    check({
      failurePolicy,
      auditAnnotations: [{ key: 'size', valueExpression }],
    });

  it('publishes a string under <policy>/<key>', () => {
    expect(annotate("'size is ' + object.data.size").auditAnnotations).toEqual([
      { key: 'p/size', value: 'size is large' },
    ]);
  });

  it('leaves out null and blank values', () => {
    expect(annotate('null').auditAnnotations).toEqual([]);
    expect(annotate("'  '").auditAnnotations).toEqual([]);
  });

  it('denies when the value is neither a string nor null, unless errors are ignored', () => {
    expect(annotate('1').status?.details.causes[0].message).toBe(
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: valueExpression '1' resulted in unsupported return type: int. Return type must be either string or null.",
    );
    expect(annotate('object.data.nope', 'Ignore').allowed).toBe(true);
  });
});
