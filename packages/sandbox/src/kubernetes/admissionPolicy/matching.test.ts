import { MatchError, matchesResources, ruleMatches } from './matching';
import { coreRequest, namespaceObject, pod } from './__testUtils__/requests';
import type { AdmissionAttributes, NamedRuleWithOperations } from './types';

const podCreate = coreRequest({
  operation: 'CREATE',
  resource: 'pods',
  kind: 'Pod',
  object: pod({ name: 'api-1', namespace: 'orders', labels: { app: 'api' } }),
});

const rule = (
  r: Partial<NamedRuleWithOperations>,
): NamedRuleWithOperations => ({
  apiGroups: [''],
  apiVersions: ['v1'],
  operations: ['CREATE'],
  resources: ['pods'],
  ...r,
});

describe('ruleMatches', () => {
  it.each<
    [
      string,
      Partial<NamedRuleWithOperations>,
      Partial<AdmissionAttributes>,
      boolean,
    ]
  >([
    ['the exact resource', {}, {}, true],
    [
      'wildcards everywhere',
      {
        apiGroups: ['*'],
        apiVersions: ['*'],
        operations: ['*'],
        resources: ['*'],
      },
      {},
      true,
    ],
    ['another operation', {}, { operation: 'UPDATE' }, false],
    ['another group', { apiGroups: ['apps'] }, {}, false],
    ['another version', { apiVersions: ['v2'] }, {}, false],
    [
      'a subresource under a plain resource rule',
      {},
      { subresource: 'status' },
      false,
    ],
    [
      'a subresource under resource/*',
      { resources: ['pods/*'] },
      { subresource: 'status' },
      true,
    ],
    [
      'a subresource under */status',
      { resources: ['*/status'] },
      { subresource: 'status' },
      true,
    ],
    [
      'a subresource under *',
      { resources: ['*'] },
      { subresource: 'status' },
      false,
    ],
    ['the main resource under */*', { resources: ['*/*'] }, {}, true],
    [
      'a namespaced request under Cluster scope',
      { scope: 'Cluster' },
      {},
      false,
    ],
    [
      'a namespaced request under Namespaced scope',
      { scope: 'Namespaced' },
      {},
      true,
    ],
  ])('%s', (_, r, attributes, expected) => {
    expect(ruleMatches(rule(r), { ...podCreate, ...attributes })).toBe(
      expected,
    );
  });

  it('treats namespaces and requests without a namespace as cluster-scoped', () => {
    const nsCreate = coreRequest({
      operation: 'CREATE',
      resource: 'namespaces',
      kind: 'Namespace',
      object: namespaceObject('orders'),
    });
    const nsRule = rule({ resources: ['namespaces'] });
    expect(
      ruleMatches(
        { ...nsRule, scope: 'Cluster' },
        { ...nsCreate, namespace: 'orders' },
      ),
    ).toBe(true);
    expect(ruleMatches({ ...nsRule, scope: 'Namespaced' }, nsCreate)).toBe(
      false,
    );
  });
});

describe('matchesResources', () => {
  const input = {
    attributes: podCreate,
    namespaceObject: namespaceObject('orders', { env: 'prod' }),
  };
  const policy = { isBinding: false };

  it('requires resourceRules of a policy but not of a binding', () => {
    expect(matchesResources({}, input, policy)).toBe(false);
    expect(matchesResources({}, input, { isBinding: true })).toBe(true);
  });

  it('lets excludeResourceRules win over resourceRules', () => {
    expect(
      matchesResources(
        {
          resourceRules: [rule({})],
          excludeResourceRules: [rule({ operations: ['*'] })],
        },
        input,
        policy,
      ),
    ).toBe(false);
  });

  it('limits a rule to its resourceNames', () => {
    expect(
      matchesResources(
        { resourceRules: [rule({ resourceNames: ['api-1'] })] },
        input,
        policy,
      ),
    ).toBe(true);
    expect(
      matchesResources(
        { resourceRules: [rule({ resourceNames: ['api-2'] })] },
        input,
        policy,
      ),
    ).toBe(false);
  });

  it('selects namespaces by labels, with matchExpressions', () => {
    const select = (
      operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
      values?: string[],
    ) =>
      matchesResources(
        {
          resourceRules: [rule({})],
          namespaceSelector: {
            matchExpressions: [{ key: 'env', operator, values }],
          },
        },
        input,
        policy,
      );
    expect(select('In', ['prod', 'staging'])).toBe(true);
    expect(select('NotIn', ['prod'])).toBe(false);
    expect(select('Exists')).toBe(true);
    expect(select('DoesNotExist')).toBe(false);
  });

  it('never exempts cluster-scoped requests by namespaceSelector', () => {
    const clusterScoped: AdmissionAttributes = {
      ...podCreate,
      resource: {
        group: 'rbac.authorization.k8s.io',
        version: 'v1',
        resource: 'clusterroles',
      },
      namespace: undefined,
    };
    expect(
      matchesResources(
        {
          resourceRules: [
            rule({ apiGroups: ['*'], resources: ['clusterroles'] }),
          ],
          namespaceSelector: { matchLabels: { env: 'prod' } },
        },
        { attributes: clusterScoped },
        policy,
      ),
    ).toBe(true);
  });

  it('matches a Namespace being created on its own new labels', () => {
    const nsCreate = coreRequest({
      operation: 'CREATE',
      resource: 'namespaces',
      kind: 'Namespace',
      object: namespaceObject('payments', { env: 'prod' }),
    });
    const criteria = {
      resourceRules: [rule({ resources: ['namespaces'] })],
      namespaceSelector: { matchLabels: { env: 'prod' } },
    };
    expect(matchesResources(criteria, { attributes: nsCreate }, policy)).toBe(
      true,
    );
  });

  it('fails when the namespace of the request cannot be found', () => {
    expect(() =>
      matchesResources(
        {
          resourceRules: [rule({})],
          namespaceSelector: { matchLabels: { env: 'prod' } },
        },
        { attributes: podCreate },
        policy,
      ),
    ).toThrow(new MatchError('namespaces "orders" not found'));
  });

  it('selects objects by the labels of the new or the old object', () => {
    const criteria = {
      resourceRules: [rule({ operations: ['*'] })],
      objectSelector: { matchLabels: { app: 'api' } },
    };
    expect(matchesResources(criteria, input, policy)).toBe(true);
    const deletion: AdmissionAttributes = {
      ...podCreate,
      operation: 'DELETE',
      object: null,
      oldObject: podCreate.object,
    };
    expect(
      matchesResources(criteria, { ...input, attributes: deletion }, policy),
    ).toBe(true);
    const unlabelled: AdmissionAttributes = {
      ...podCreate,
      object: pod({ name: 'api-1', namespace: 'orders' }),
    };
    expect(
      matchesResources(criteria, { ...input, attributes: unlabelled }, policy),
    ).toBe(false);
  });
});
