import { productionNamespaceCondition } from './productionNamespaces';

describe('productionNamespaceCondition', () => {
  it('is a constant when no namespace entry changes the answer', () => {
    expect(
      productionNamespaceCondition({
        environment: 'production',
        namespaceEnvironments: [],
      }),
    ).toBe('true');
    expect(
      productionNamespaceCondition({
        environment: undefined,
        namespaceEnvironments: [],
      }),
    ).toBe('false');
    expect(
      productionNamespaceCondition({
        environment: 'development',
        namespaceEnvironments: [{ namespace: 'tools', environment: 'staging' }],
      }),
    ).toBe('false');
  });

  it('keeps the first-match-wins order of namespaceEnvironments, names and prefixes', () => {
    expect(
      productionNamespaceCondition({
        environment: 'production',
        namespaceEnvironments: [
          { namespace: 'dev-shared', environment: 'production' },
          { namespace: 'dev-*', environment: 'development' },
        ],
      }),
    ).toBe(
      "(request.namespace == 'dev-shared' ? true : (request.namespace.startsWith('dev-') ? false : true))",
    );
  });

  it('quotes a namespace so it cannot end the CEL string', () => {
    expect(
      productionNamespaceCondition({
        environment: 'development',
        namespaceEnvironments: [
          { namespace: "o'brien", environment: 'production' },
        ],
      }),
    ).toBe("(request.namespace == 'o\\'brien' ? true : false)");
  });
});
