import { compileTarget, RoleCompilationError } from './compileRoles';
import { ResourceTypeSpec, resourceTypes } from './resourceTypes';

const rg =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers';
const storage = `${rg}/Microsoft.Storage/storageAccounts/ordersdata`;
const vault = `${rg}/Microsoft.KeyVault/vaults/kv-orders`;
const serviceBus = `${rg}/Microsoft.ServiceBus/namespaces/sb-orders`;
const eventHubs = `${rg}/Microsoft.EventHub/namespaces/eh-audit`;

function roleNames(target: Parameters<typeof compileTarget>[0]) {
  return compileTarget(target).assignments.map(a => a.roleName);
}

describe('compileTarget: intents become the least-privileged data role', () => {
  it.each([
    [storage, 'read', 'Storage Blob Data Reader'],
    [storage, 'write', 'Storage Blob Data Contributor'],
    [storage, 'manage', 'Storage Blob Data Owner'],
    [vault, 'read', 'Key Vault Secrets User'],
    [vault, 'write', 'Key Vault Secrets Officer'],
    [vault, 'manage', 'Key Vault Secrets Officer'],
    [serviceBus, 'read', 'Azure Service Bus Data Receiver'],
    [serviceBus, 'write', 'Azure Service Bus Data Sender'],
    [serviceBus, 'manage', 'Azure Service Bus Data Owner'],
    [eventHubs, 'read', 'Azure Event Hubs Data Receiver'],
    [eventHubs, 'write', 'Azure Event Hubs Data Sender'],
    [`${rg}/Microsoft.ContainerRegistry/registries/acrshop`, 'read', 'AcrPull'],
    [
      `${rg}/Microsoft.CognitiveServices/accounts/oai-shop`,
      'write',
      'Cognitive Services OpenAI User',
    ],
  ] as const)('%s %s → %s', (resourceId, intent, role) => {
    expect(roleNames({ resourceId, intent })).toEqual([role]);
  });

  it('never picks a privileged role from an intent', () => {
    const compiled = compileTarget({
      resourceId: serviceBus,
      intent: 'manage',
    });
    expect(compiled.assignments.every(a => !a.privileged)).toBe(true);
  });

  it('grants at the sub-resource named, the narrowest scope', () => {
    const container = `${storage}/blobServices/default/containers/invoices`;
    const compiled = compileTarget({ resourceId: container, intent: 'read' });
    expect(compiled.scope).toBe(container);
    expect(compiled.scopeKind).toBe('container');
    expect(compiled.notes.map(n => n.code)).not.toContain(
      'scope-could-be-narrower',
    );
  });

  it('suggests a narrower scope when the whole resource is named', () => {
    const compiled = compileTarget({ resourceId: storage, intent: 'read' });
    expect(compiled.notes).toContainEqual(
      expect.objectContaining({ code: 'scope-could-be-narrower' }),
    );
  });

  it('splits needs no single role covers over several roles', () => {
    expect(
      roleNames({
        resourceId: storage,
        permissions: ['blob.read', 'queue.send'],
      }),
    ).toEqual([
      'Storage Blob Data Reader',
      'Storage Queue Data Message Sender',
    ]);
  });
});

describe('compileTarget: a type table of its own', () => {
  const appConfiguration: ResourceTypeSpec = {
    type: 'Microsoft.AppConfiguration/configurationStores',
    displayName: 'App Configuration store',
    subScopes: [],
    permissions: {
      'config.read': {
        description: 'read key-values',
        operations: [
          {
            dataAction:
              'Microsoft.AppConfiguration/configurationStores/keyValues/read',
          },
        ],
        scopeKinds: ['resource'],
      },
      'config.write': {
        description: 'write key-values',
        operations: [
          {
            dataAction:
              'Microsoft.AppConfiguration/configurationStores/keyValues/write',
          },
        ],
        scopeKinds: ['resource'],
      },
    },
    intents: {
      read: ['config.read'],
      write: ['config.read', 'config.write'],
      manage: ['config.read', 'config.write'],
    },
  };
  const store = `${rg}/Microsoft.AppConfiguration/configurationStores/appcs-shop`;

  it('compiles a type the table adds, choosing from the built-in roles', () => {
    const types = [...resourceTypes, appConfiguration];
    const compile = (intent: 'read' | 'write') =>
      compileTarget(
        { resourceId: store, intent },
        { resourceTypes: types },
      ).assignments.map(a => a.roleName);
    expect(compile('read')).toEqual(['App Configuration Data Reader']);
    expect(compile('write')).toEqual(['App Configuration Data Owner']);
  });

  it('knows only the table it is given', () => {
    expect(() => compileTarget({ resourceId: store, intent: 'read' })).toThrow(
      /configurationStores are not in the role catalogue/,
    );
    expect(() =>
      compileTarget(
        { resourceId: storage, intent: 'read' },
        { resourceTypes: [appConfiguration] },
      ),
    ).toThrow(/storageAccounts are not in the role catalogue/);
  });
});

describe('compileTarget: the capstone invoice-publisher', () => {
  const finance =
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-finance-prod/providers';

  it('reads one signing certificate without reading the vault’s other secrets', () => {
    const certificate = `${finance}/Microsoft.KeyVault/vaults/kv-finance-prod/certificates/invoice-signing`;
    const compiled = compileTarget({
      resourceId: certificate,
      permissions: ['certificates.read'],
      mustNot: ['secrets.read'],
    });
    expect(compiled.assignments.map(a => [a.roleName, a.scope])).toEqual([
      ['Key Vault Certificate User', certificate],
    ]);
    const note = compiled.notes.find(n => n.code === 'must-not-unmet');
    expect(note?.message).toMatch(/limited to this certificate/);
  });

  it('writes to one container and says plainly that no built-in role forbids delete', () => {
    const container = `${finance}/Microsoft.Storage/storageAccounts/stfinanceprod/blobServices/default/containers/invoices`;
    const compiled = compileTarget({
      resourceId: container,
      permissions: ['blob.write'],
      mustNot: ['blob.delete'],
    });
    expect(compiled.assignments.map(a => a.roleName)).toEqual([
      'Storage Blob Data Contributor',
    ]);
    expect(compiled.notes).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        code: 'must-not-unmet',
        message: expect.stringMatching(
          /No built-in role grants blob.write without blob.delete.*ABAC condition/,
        ),
      }),
    );
  });

  it('sends to one topic and cannot receive', () => {
    const topic = `${finance}/Microsoft.ServiceBus/namespaces/sb-finance-prod/topics/invoice-events`;
    const compiled = compileTarget({
      resourceId: topic,
      permissions: ['messages.send'],
      mustNot: ['messages.receive'],
    });
    expect(compiled.assignments.map(a => [a.roleName, a.scope])).toEqual([
      ['Azure Service Bus Data Sender', topic],
    ]);
    expect(compiled.notes.map(n => n.code)).not.toContain('must-not-unmet');
  });
});

describe('compileTarget: what it refuses, naming the field', () => {
  function errorOf(
    target: Parameters<typeof compileTarget>[0],
  ): RoleCompilationError {
    try {
      compileTarget(target, { field: 'resources[2]' });
    } catch (e) {
      return e as RoleCompilationError;
    }
    throw new Error('expected a RoleCompilationError');
  }

  it.each([
    [
      { resourceId: 'ordersdata', intent: 'read' as const },
      'resources[2].resourceId',
      /not an Azure resource id/,
    ],
    [
      {
        resourceId: `${rg}/Microsoft.Sql/servers/sql-shop`,
        intent: 'read' as const,
      },
      'resources[2].resourceId',
      /not in the role catalogue/,
    ],
    [
      {
        resourceId: `${storage}/fileServices/default/shares/x`,
        intent: 'read' as const,
      },
      'resources[2].resourceId',
      /not a scope of a Storage account/,
    ],
    [
      { resourceId: `${serviceBus}/topics/t`, permissions: ['blob.read'] },
      'resources[2].permissions',
      /unknown permission 'blob.read'/,
    ],
    [
      {
        resourceId: `${storage}/queueServices/default/queues/q`,
        permissions: ['blob.read'],
      },
      'resources[2].resourceId',
      /blob.read cannot be granted on a queue/,
    ],
    [
      { resourceId: storage, role: 'Owner' },
      'resources[2].role',
      /Owner is privileged/,
    ],
    [
      { resourceId: storage, role: 'Storage Blob Superuser' },
      'resources[2].role',
      /not a built-in role/,
    ],
    [{ resourceId: storage }, 'resources[2]', /name an intent/],
  ])('%j → %s', (target, field, message) => {
    const error = errorOf(target);
    expect(error).toBeInstanceOf(RoleCompilationError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('takes a privileged role only with the override, and flags it', () => {
    const compiled = compileTarget({
      resourceId: storage,
      role: 'Contributor',
      allowPrivileged: true,
    });
    expect(compiled.assignments[0]).toMatchObject({
      roleName: 'Contributor',
      privileged: true,
    });
    expect(compiled.notes).toContainEqual(
      expect.objectContaining({ code: 'explicit-role', level: 'warning' }),
    );
  });
});
