/**
 * What a workload does with a resource, in the words of the request form.
 *
 * @public
 */
export type Intent = 'read' | 'write' | 'manage';

/** @public */
export interface Operation {
  dataAction?: string;
  action?: string;
}

/** @public */
export interface PermissionSpec {
  description: string;
  operations: Operation[];
  /** Scope kinds this permission can be granted at; `resource` is the whole resource. */
  scopeKinds: string[];
}

/**
 * What the role compiler knows about one kind of Azure resource a workload uses: the
 * permissions one can ask for, the operations each needs, the sub-resources a role can be
 * scoped to, and what the read / write / manage intents mean there.
 *
 * @public
 */
export interface ResourceTypeSpec {
  type: string;
  displayName: string;
  /** Sub-resource scopes, by the shape of the id below the resource. */
  subScopes: { kind: string; pattern: RegExp }[];
  permissions: Record<string, PermissionSpec>;
  intents: Record<Intent, string[]>;
}

const STORAGE_BLOBS =
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const STORAGE_QUEUES =
  'Microsoft.Storage/storageAccounts/queueServices/queues/messages';
const STORAGE_TABLES =
  'Microsoft.Storage/storageAccounts/tableServices/tables/entities';
const VAULT = 'Microsoft.KeyVault/vaults';

const data = (...dataActions: string[]): Operation[] =>
  dataActions.map(dataAction => ({ dataAction }));

/**
 * The resource types the plugins know out of the box. The backend takes more from modules
 * (its resource types extension point); what a running portal knows is what
 * `GET /catalog/roles` lists.
 *
 * @public
 */
export const resourceTypes: readonly ResourceTypeSpec[] = [
  {
    type: 'Microsoft.Storage/storageAccounts',
    displayName: 'Storage account',
    subScopes: [
      {
        kind: 'container',
        pattern: /^blobServices\/default\/containers\/[^/]+$/i,
      },
      { kind: 'queue', pattern: /^queueServices\/default\/queues\/[^/]+$/i },
      { kind: 'table', pattern: /^tableServices\/default\/tables\/[^/]+$/i },
    ],
    permissions: {
      'blob.read': {
        description: 'read blobs',
        operations: data(`${STORAGE_BLOBS}/read`),
        scopeKinds: ['resource', 'container'],
      },
      'blob.write': {
        description: 'create and overwrite blobs',
        operations: data(
          `${STORAGE_BLOBS}/write`,
          `${STORAGE_BLOBS}/add/action`,
        ),
        scopeKinds: ['resource', 'container'],
      },
      'blob.delete': {
        description: 'delete blobs',
        operations: data(`${STORAGE_BLOBS}/delete`),
        scopeKinds: ['resource', 'container'],
      },
      'blob.permissions': {
        description: 'change blob ACLs and ownership',
        operations: data(`${STORAGE_BLOBS}/modifyPermissions/action`),
        scopeKinds: ['resource', 'container'],
      },
      'queue.read': {
        description: 'peek queue messages',
        operations: data(`${STORAGE_QUEUES}/read`),
        scopeKinds: ['resource', 'queue'],
      },
      'queue.send': {
        description: 'add queue messages',
        operations: data(`${STORAGE_QUEUES}/add/action`),
        scopeKinds: ['resource', 'queue'],
      },
      'queue.process': {
        description: 'receive and delete queue messages',
        operations: data(
          `${STORAGE_QUEUES}/read`,
          `${STORAGE_QUEUES}/process/action`,
        ),
        scopeKinds: ['resource', 'queue'],
      },
      'table.read': {
        description: 'read table entities',
        operations: data(`${STORAGE_TABLES}/read`),
        scopeKinds: ['resource', 'table'],
      },
      'table.write': {
        description: 'write table entities',
        operations: data(
          `${STORAGE_TABLES}/write`,
          `${STORAGE_TABLES}/add/action`,
          `${STORAGE_TABLES}/update/action`,
        ),
        scopeKinds: ['resource', 'table'],
      },
    },
    intents: {
      read: ['blob.read'],
      write: ['blob.read', 'blob.write'],
      manage: ['blob.read', 'blob.write', 'blob.delete', 'blob.permissions'],
    },
  },
  {
    type: 'Microsoft.KeyVault/vaults',
    displayName: 'Key Vault',
    subScopes: [
      { kind: 'secret', pattern: /^secrets\/[^/]+$/i },
      { kind: 'certificate', pattern: /^certificates\/[^/]+$/i },
      { kind: 'key', pattern: /^keys\/[^/]+$/i },
    ],
    permissions: {
      'secrets.read': {
        description: 'read secret values',
        operations: data(
          `${VAULT}/secrets/getSecret/action`,
          `${VAULT}/secrets/readMetadata/action`,
        ),
        scopeKinds: ['resource', 'secret'],
      },
      'secrets.write': {
        description: 'set secret values',
        operations: data(`${VAULT}/secrets/setSecret/action`),
        scopeKinds: ['resource', 'secret'],
      },
      'secrets.delete': {
        description: 'delete secrets',
        operations: data(`${VAULT}/secrets/delete`),
        scopeKinds: ['resource', 'secret'],
      },
      // A workload that signs with a certificate needs its private key, which Key Vault serves
      // as the certificate's secret: reading a certificate for use includes getSecret.
      'certificates.read': {
        description: 'read certificates with their private keys',
        operations: data(
          `${VAULT}/certificates/read`,
          `${VAULT}/secrets/getSecret/action`,
        ),
        scopeKinds: ['resource', 'certificate'],
      },
      'certificates.write': {
        description: 'create and update certificates',
        operations: data(
          `${VAULT}/certificates/update/action`,
          `${VAULT}/certificates/create/action`,
        ),
        scopeKinds: ['resource', 'certificate'],
      },
      'keys.read': {
        description: 'read public keys',
        operations: data(`${VAULT}/keys/read`),
        scopeKinds: ['resource', 'key'],
      },
      'keys.use': {
        description:
          'sign, verify, encrypt, decrypt, wrap and unwrap with keys',
        operations: data(
          `${VAULT}/keys/sign/action`,
          `${VAULT}/keys/verify/action`,
          `${VAULT}/keys/encrypt/action`,
          `${VAULT}/keys/decrypt/action`,
          `${VAULT}/keys/wrap/action`,
          `${VAULT}/keys/unwrap/action`,
        ),
        scopeKinds: ['resource', 'key'],
      },
      'keys.manage': {
        description: 'create, rotate and delete keys',
        operations: data(`${VAULT}/keys/create/action`, `${VAULT}/keys/delete`),
        scopeKinds: ['resource', 'key'],
      },
    },
    intents: {
      read: ['secrets.read'],
      write: ['secrets.read', 'secrets.write'],
      manage: ['secrets.read', 'secrets.write', 'secrets.delete'],
    },
  },
  {
    type: 'Microsoft.ServiceBus/namespaces',
    displayName: 'Service Bus namespace',
    subScopes: [
      { kind: 'queue', pattern: /^queues\/[^/]+$/i },
      { kind: 'topic', pattern: /^topics\/[^/]+$/i },
      {
        kind: 'subscription',
        pattern: /^topics\/[^/]+\/subscriptions\/[^/]+$/i,
      },
    ],
    permissions: {
      'messages.send': {
        description: 'send messages',
        operations: data(
          'Microsoft.ServiceBus/namespaces/messages/send/action',
        ),
        scopeKinds: ['resource', 'queue', 'topic'],
      },
      'messages.receive': {
        description: 'receive messages',
        operations: data(
          'Microsoft.ServiceBus/namespaces/messages/receive/action',
        ),
        scopeKinds: ['resource', 'queue', 'subscription', 'topic'],
      },
      'entities.manage': {
        description: 'create and delete queues, topics and subscriptions',
        operations: [
          { action: 'Microsoft.ServiceBus/namespaces/queues/write' },
          { action: 'Microsoft.ServiceBus/namespaces/topics/write' },
        ],
        scopeKinds: ['resource', 'queue', 'topic', 'subscription'],
      },
    },
    intents: {
      read: ['messages.receive'],
      write: ['messages.send'],
      manage: ['messages.send', 'messages.receive', 'entities.manage'],
    },
  },
  {
    type: 'Microsoft.EventHub/namespaces',
    displayName: 'Event Hubs namespace',
    subScopes: [{ kind: 'eventhub', pattern: /^eventhubs\/[^/]+$/i }],
    permissions: {
      'events.send': {
        description: 'send events',
        operations: data('Microsoft.EventHub/namespaces/messages/send/action'),
        scopeKinds: ['resource', 'eventhub'],
      },
      'events.receive': {
        description: 'receive events',
        operations: data(
          'Microsoft.EventHub/namespaces/messages/receive/action',
        ),
        scopeKinds: ['resource', 'eventhub'],
      },
      'eventhubs.manage': {
        description: 'create and delete event hubs',
        operations: [
          { action: 'Microsoft.EventHub/namespaces/eventhubs/write' },
        ],
        scopeKinds: ['resource', 'eventhub'],
      },
    },
    intents: {
      read: ['events.receive'],
      write: ['events.send'],
      manage: ['events.send', 'events.receive', 'eventhubs.manage'],
    },
  },
  {
    type: 'Microsoft.ContainerRegistry/registries',
    displayName: 'Container registry',
    subScopes: [],
    permissions: {
      'images.pull': {
        description: 'pull images',
        operations: [
          { action: 'Microsoft.ContainerRegistry/registries/pull/read' },
        ],
        scopeKinds: ['resource'],
      },
      'images.push': {
        description: 'push images',
        operations: [
          { action: 'Microsoft.ContainerRegistry/registries/push/write' },
        ],
        scopeKinds: ['resource'],
      },
    },
    intents: {
      read: ['images.pull'],
      write: ['images.pull', 'images.push'],
      manage: ['images.pull', 'images.push'],
    },
  },
  {
    type: 'Microsoft.CognitiveServices/accounts',
    displayName: 'Azure OpenAI account',
    subScopes: [],
    permissions: {
      'openai.read': {
        description: 'list models and deployments',
        operations: data(
          'Microsoft.CognitiveServices/accounts/OpenAI/deployments/read',
        ),
        scopeKinds: ['resource'],
      },
      'openai.inference': {
        description: 'call chat completions and embeddings',
        operations: data(
          'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
          'Microsoft.CognitiveServices/accounts/OpenAI/deployments/embeddings/action',
        ),
        scopeKinds: ['resource'],
      },
      'openai.manage': {
        description: 'create and change deployments',
        operations: [
          { action: 'Microsoft.CognitiveServices/accounts/deployments/write' },
        ],
        scopeKinds: ['resource'],
      },
    },
    intents: {
      read: ['openai.read'],
      write: ['openai.read', 'openai.inference'],
      manage: ['openai.read', 'openai.inference', 'openai.manage'],
    },
  },
];

/**
 * The spec of a type, from the built-in types unless another table is given.
 *
 * @public
 */
export function findResourceType(
  type: string,
  types: readonly ResourceTypeSpec[] = resourceTypes,
): ResourceTypeSpec | undefined {
  return types.find(spec => spec.type.toLowerCase() === type.toLowerCase());
}
