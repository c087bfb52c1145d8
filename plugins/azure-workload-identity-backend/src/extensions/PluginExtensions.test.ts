import {
  resourceTypes,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  BindingRule,
  findingOf,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { HEALTH_RULES } from '../rules';
import { PluginExtensions } from './PluginExtensions';
import { registerBuiltins } from './registerBuiltins';

const searchServices: ResourceTypeSpec = {
  type: 'Microsoft.Search/searchServices',
  displayName: 'Search service',
  subScopes: [{ kind: 'index', pattern: /^indexes\/[^/]+$/i }],
  permissions: {
    'index.read': {
      description: 'query indexes',
      operations: [
        {
          dataAction: 'Microsoft.Search/searchServices/indexes/documents/read',
        },
      ],
      scopeKinds: ['resource', 'index'],
    },
  },
  intents: {
    read: ['index.read'],
    write: ['index.read'],
    manage: ['index.read'],
  },
};

function rule(id: string, masks: BindingRule['masks'] = []): BindingRule {
  const made: BindingRule = {
    id,
    link: 'resource',
    scope: 'binding',
    reads: ['A6'],
    masks,
    evaluate: () => [
      findingOf(made, {
        severity: 'info',
        state: 'degraded',
        message: id,
        evidence: { expected: '', actual: '' },
        fix: { kind: 'none', text: '', owner: 'component' },
      }),
    ],
  };
  return made;
}

function withBuiltins() {
  const extensions = new PluginExtensions();
  registerBuiltins(extensions);
  return extensions;
}

describe('PluginExtensions', () => {
  it('holds the built-ins first and what modules add after them', () => {
    const extensions = withBuiltins();
    extensions.resourceTypes.addResourceTypes(searchServices);
    extensions.healthRules.addHealthRules(
      rule('search-local-auth-enabled', ['ra-missing']),
    );
    const sealed = extensions.seal();
    expect(sealed.resourceTypes.map(t => t.type)).toEqual([
      ...resourceTypes.map(t => t.type),
      'Microsoft.Search/searchServices',
    ]);
    expect(sealed.healthRules.map(r => r.id)).toEqual([
      ...HEALTH_RULES.map(r => r.id),
      'search-local-auth-enabled',
    ]);
    expect(sealed.approvalPolicies.map(p => p.id)).toEqual(['built-in']);
    expect([...sealed.clusterCredentials.keys()]).toEqual([
      'serviceAccount',
      'azure',
      'aks',
    ]);
  });

  it('refuses a type the plugin knows, in any spelling, and one whose table is inconsistent', () => {
    const extensions = withBuiltins();
    expect(() =>
      extensions.resourceTypes.addResourceTypes({
        ...searchServices,
        type: 'microsoft.storage/STORAGEACCOUNTS',
      }),
    ).toThrow(
      'resource type microsoft.storage/STORAGEACCOUNTS is added twice; the plugin already knows it',
    );
    expect(() =>
      extensions.resourceTypes.addResourceTypes({
        ...searchServices,
        intents: { ...searchServices.intents, write: ['index.write'] },
      }),
    ).toThrow(
      'resource type Microsoft.Search/searchServices: intent write names index.write, which is not one of its permissions (index.read)',
    );
    expect(() =>
      extensions.resourceTypes.addResourceTypes({
        ...searchServices,
        permissions: {
          'index.read': {
            ...searchServices.permissions['index.read'],
            scopeKinds: ['alias'],
          },
        },
      }),
    ).toThrow(/can be granted on 'alias', which is not one of resource, index/);
  });

  it('refuses, at start, a rule id twice and a mask nobody knows', () => {
    const twice = withBuiltins();
    twice.healthRules.addHealthRules(rule('ra-missing'));
    expect(() => twice.seal()).toThrow(
      'health rule ra-missing is added twice; rule ids are unique',
    );

    const typo = withBuiltins();
    typo.healthRules.addHealthRules(rule('search-open', ['ra-mising']));
    expect(() => typo.seal()).toThrow(
      'health rule search-open masks ra-mising, which is neither a built-in rule nor an added one',
    );

    const circle = withBuiltins();
    circle.healthRules.addHealthRules(
      rule('search-a', ['search-b']),
      rule('search-b', ['search-a']),
    );
    expect(() => circle.seal()).toThrow(
      'health rules mask in a circle: search-a → search-b → search-a',
    );
  });

  it('lets an added rule mask an added rule, and refuses a malformed one', () => {
    const extensions = withBuiltins();
    extensions.healthRules.addHealthRules(
      rule('search-a', ['search-b']),
      rule('search-b'),
    );
    expect(() => extensions.seal()).not.toThrow();

    const malformed = withBuiltins();
    malformed.healthRules.addHealthRules({
      ...rule('Search_Open'),
    });
    expect(() => malformed.seal()).toThrow(
      'health rule Search_Open: the id must be kebab-case',
    );
  });

  it('keeps the built-in cluster credentials and refuses a name twice', () => {
    const extensions = withBuiltins();
    const vault = { credentialFor: () => ({ bearerToken: async () => 't' }) };
    expect(() =>
      extensions.clusterCredentials.addClusterCredentialProvider(
        'azure',
        vault,
      ),
    ).toThrow('cluster credential provider azure is added twice');
    extensions.clusterCredentials.addClusterCredentialProvider('vault', vault);
    expect(extensions.seal().clusterCredentials.get('vault')).toBe(vault);
  });

  it('refuses anything added after the plugin started', () => {
    const extensions = withBuiltins();
    extensions.seal();
    expect(() =>
      extensions.resourceTypes.addResourceTypes(searchServices),
    ).toThrow(
      "azure-workload-identity: resource types must be added in a module's init, before the plugin starts",
    );
    expect(() =>
      extensions.approvalPolicies.addApprovalPolicy({
        id: 'late',
        decide: async () => ({}),
      }),
    ).toThrow(/approval policies must be added in a module's init/);
  });
});
