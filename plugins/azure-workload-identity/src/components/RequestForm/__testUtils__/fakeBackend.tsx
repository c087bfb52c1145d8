import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, TestApiRegistry } from '@backstage/test-utils';
import { Plan } from '@backstage-community/plugin-azure-workload-identity-common';
import { ReactNode } from 'react';
import {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityClient,
} from '../../../api';

export const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
export const VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders';
const ISSUER = 'https://oidc.aks-prod.example/issuer/';

export const plan: Plan = {
  planHash: `sha256:${'b'.repeat(64)}`,
  requiresApproval: false,
  approvalReasons: [],
  notes: [],
  steps: [
    {
      id: 'identity',
      kind: 'ensure-identity',
      action: 'create',
      name: 'id-orders-api-aks-prod',
      resourceId:
        '/subscriptions/x/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-api-aks-prod',
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: 'rg-identities',
      tags: {},
      why: 'The workload needs an identity of its own.',
    },
    {
      id: 'fic',
      kind: 'ensure-federated-credential',
      action: 'create',
      identityResourceId: 'x',
      name: 'aks-prod-orders-orders-api',
      issuer: ISSUER,
      subject: 'system:serviceaccount:orders:orders-api',
      audience: 'api://AzureADTokenExchange',
      why: 'Trusts exactly this service account on this cluster.',
    },
    {
      id: 'ra-0',
      kind: 'ensure-role-assignment',
      action: 'create',
      roleName: 'Storage Blob Data Reader',
      roleId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
      scope: STORAGE,
      privileged: false,
      why: 'read on ordersdata: the narrowest built-in role that reads blobs.',
    },
  ],
};

/** The backend's answers, by method and path; the test changes them per case. */
export interface FakeBackend {
  routes: Record<string, (body?: any) => { status: number; body: unknown }>;
  calls: string[];
}

export function fakeBackend(): FakeBackend {
  return {
    calls: [],
    routes: {
      'GET /catalog/clusters': () => ({
        status: 200,
        body: {
          clusters: [
            {
              name: 'aks-prod',
              subscriptionId: 's',
              resourceGroup: 'rg',
              serviceAccounts: 'apply',
              environment: 'production',
            },
            {
              name: 'aks-gitops',
              subscriptionId: 's',
              resourceGroup: 'rg',
              serviceAccounts: 'manifest',
              environment: 'development',
              namespaceEnvironments: [
                { namespace: 'payments', environment: 'production' },
                { namespace: 'perf-*', environment: 'staging' },
              ],
            },
          ],
        },
      }),
      'GET /catalog/clusters/aks-prod/namespaces': () => ({
        status: 200,
        body: { namespaces: ['default', 'orders'] },
      }),
      'GET /catalog/resources': () => ({
        status: 200,
        body: {
          resources: [
            {
              id: STORAGE,
              name: 'ordersdata',
              type: 'Microsoft.Storage/storageAccounts',
              subscriptionId: 's',
              resourceGroup: 'rg-apps',
            },
            {
              id: VAULT,
              name: 'kv-orders',
              type: 'Microsoft.KeyVault/vaults',
              subscriptionId: 's',
              resourceGroup: 'rg-apps',
            },
          ],
        },
      }),
      'GET /catalog/roles': () => ({
        status: 200,
        body: {
          resourceTypes: [
            {
              type: 'Microsoft.Storage/storageAccounts',
              displayName: 'Storage account',
              intents: ['read', 'write', 'manage'],
            },
            {
              type: 'Microsoft.KeyVault/vaults',
              displayName: 'Key Vault',
              intents: ['read', 'manage'],
            },
          ],
        },
      }),
      'POST /plan': () => ({ status: 200, body: { plan } }),
    },
  };
}

const BASE = 'http://backend/api/azure-workload-identity';

/** The plugin's default client over discovery and fetch APIs that answer from the fake backend. */
export function backendApis(backend: FakeBackend) {
  const discovery = { getBaseUrl: async () => BASE };
  const fetchApi = {
    fetch: async (url: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${url.slice(BASE.length)}`;
      backend.calls.push(key);
      const route = backend.routes[key];
      const answer = route
        ? route(init?.body ? JSON.parse(String(init.body)) : undefined)
        : { status: 404, body: { error: { message: `no route ${key}` } } };
      return {
        ok: answer.status < 400,
        status: answer.status,
        json: async () => answer.body,
      } as Response;
    },
  };
  return [
    [discoveryApiRef, discovery],
    [fetchApiRef, fetchApi],
    [
      azureWorkloadIdentityApiRef,
      new AzureWorkloadIdentityClient({
        discoveryApi: discovery,
        fetchApi: fetchApi as any,
      }),
    ],
  ] as const;
}

export function WithBackend(props: {
  backend: FakeBackend;
  children: ReactNode;
}) {
  return (
    <TestApiProvider apis={backendApis(props.backend) as any}>
      {props.children}
    </TestApiProvider>
  );
}

/** What field validators get as `apiHolder`. */
export function apiHolderOf(backend: FakeBackend) {
  return TestApiRegistry.from(...(backendApis(backend) as any));
}

/** The props the scaffolder's form gives a field, with a spy for onChange. */
export function fieldProps<T>(overrides: Record<string, unknown> = {}) {
  return {
    schema: {},
    uiSchema: {},
    idSchema: { $id: 'root_field' },
    onChange: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    disabled: false,
    readonly: false,
    required: true,
    name: 'field',
    rawErrors: [],
    registry: {},
    formContext: { formData: {} },
    ...overrides,
  } as any as import('@backstage/plugin-scaffolder-react').FieldExtensionComponentProps<T> & {
    onChange: jest.Mock;
  };
}
