import { compileExpression } from './celEnvironment';
import { toCelValue } from './celValues';

const object = toCelValue({
  metadata: {
    name: 'orders-api',
    namespace: 'orders',
    labels: { app: 'orders', tier: 'web' },
    annotations: { 'azure.workload.identity/client-id': 'abc' },
    creationTimestamp: '2026-03-01T10:00:00Z',
  },
  spec: {
    replicas: 3,
    ratio: 0.5,
    containers: [
      {
        name: 'app',
        image: 'contoso.azurecr.io/app:1.0',
        ports: [{ containerPort: 8080 }],
      },
      { name: 'sidecar', image: 'contoso.azurecr.io/proxy:2.1' },
    ],
  },
});

function evaluate(expression: string, params?: unknown) {
  const compiled = compileExpression(expression, {
    hasParams: params !== undefined,
  });
  return compiled.evaluate({
    object,
    oldObject: null,
    request: {},
    namespaceObject: null,
    variables: {},
    ...(params !== undefined ? { params: toCelValue(params) } : {}),
  });
}

const value = (expression: string) => {
  const outcome = evaluate(expression);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.value;
};

describe('the CEL environment', () => {
  it.each([
    // standard macros
    ['has(object.metadata.labels)', true],
    ['has(object.spec.serviceAccountName)', false],
    [
      "object.spec.containers.all(c, c.image.startsWith('contoso.azurecr.io/'))",
      true,
    ],
    ["object.spec.containers.exists(c, c.name == 'sidecar')", true],
    ['object.spec.containers.exists_one(c, has(c.ports))', true],
    ["object.spec.containers.map(c, c.name) == ['app', 'sidecar']", true],
    ['object.spec.containers.filter(c, has(c.ports)).size() == 1', true],
    // `in` on lists and maps
    ["'app' in object.metadata.labels", true],
    ["object.metadata.name in ['orders-api', 'payments-api']", true],
    // numbers: JSON integers are int, fractions double
    ['object.spec.replicas + 1 == 4', true],
    ['object.spec.ratio < 1.0', true],
    ['object.spec.containers[0].ports[0].containerPort == 8080', true],
    // standard string functions and regex
    ["object.metadata.name.matches('^[a-z-]+$')", true],
    [
      "object.metadata.name.contains('api') && object.metadata.name.endsWith('-api')",
      true,
    ],
    ['size(object.metadata.name) == 10', true],
    // strings extension
    ["'A,B'.lowerAscii().split(',') == ['a', 'b']", true],
    ["['x', 'y'].join('-') == 'x-y'", true],
    ["'  pad '.trim().upperAscii() == 'PAD'", true],
    ["object.metadata.name.indexOf('-') == 6", true],
    ["'orders-api'.substring(7) == 'api'", true],
    ["'a.b.c'.replace('.', '/') == 'a/b/c'", true],
    ["'a.b.c'.replace('.', '/', 1) == 'a/b.c'", true],
    ["'orders'.charAt(1) == 'r'", true],
    ['strings.quote(\'say "hi"\') == \'"say \\\\"hi\\\\""\'', true],
    // timestamps and durations
    [
      "timestamp(object.metadata.creationTimestamp) < timestamp('2026-06-01T00:00:00Z')",
      true,
    ],
    ['timestamp(object.metadata.creationTimestamp).getHours() == 10', true],
    ["duration('1h') > duration('30m')", true],
    // optional types (Kubernetes 1.28+)
    ["object.spec.?serviceAccountName.orValue('default') == 'default'", true],
    ["object.metadata.?labels[?'tier'].orValue('') == 'web'", true],
    // Kubernetes lists library
    ['[1, 2, 3].isSorted() && [3, 1].isSorted() == false', true],
    ['[1, 2, 3].sum() == 6 && [1.5, 2.5].sum() == 4.0', true],
    ["[3, 1, 2].min() == 1 && ['b', 'c', 'a'].max() == 'c'", true],
    [
      "['a', 'b', 'a'].indexOf('a') == 0 && ['a', 'b', 'a'].lastIndexOf('a') == 2",
      true,
    ],
    // Kubernetes regex library
    ["'abc123def456'.find('[0-9]+') == '123'", true],
    ["'abc123def456'.findAll('[0-9]+') == ['123', '456']", true],
    ["'abc123def456'.findAll('[0-9]+', 1) == ['123']", true],
    // sets extension
    ['sets.contains([1, 2, 3], [3, 1])', true],
    ['sets.equivalent([1, 2], [2, 1, 1])', true],
    ['sets.intersects([1, 2], [5, 2])', true],
  ])('%s', (expression, expected) => {
    expect(value(expression)).toBe(expected);
  });

  it('words runtime errors as kube-apiserver does', () => {
    expect(evaluate('object.spec.missing == 1')).toEqual({
      error:
        "expression 'object.spec.missing == 1' resulted in error: no such key: missing",
      cause: 'no such key: missing',
    });
  });

  it('absorbs an error on the side of a logical operator that decides the result', () => {
    expect(value('object.spec.missing == 1 || true')).toBe(true);
    expect(value('false && object.spec.missing == 1')).toBe(false);
  });

  it('reports syntax errors and undeclared names as compilation failures', () => {
    expect(evaluate('object.metadata.name ==')).toMatchObject({
      error: expect.stringMatching(/^compilation error: compilation failed: /),
    });
    expect(evaluate('params.data == null')).toMatchObject({
      error: 'compilation error: compilation failed: unknown variable: params',
    });
    expect(evaluate("authorizer.group('').check('get')")).toMatchObject({
      error:
        'compilation error: compilation failed: unknown variable: authorizer',
    });
  });

  it('declares params for policies with a paramKind, null when none is bound', () => {
    expect(evaluate('params == null', null)).toEqual({ value: true });
    expect(evaluate("'k' in params.data", { data: { k: 'v' } })).toEqual({
      value: true,
    });
  });
});
