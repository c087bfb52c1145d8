import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { renderInTestApp as renderInNewApp } from '@backstage/frontend-test-utils';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { azureWorkloadIdentityApi } from '../alpha';
import { EntityIdentityCard } from '../components/IdentityCard';
import { azureWorkloadIdentityPlugin } from '../plugin';
import {
  AzureWorkloadIdentityApi,
  azureWorkloadIdentityApiRef,
  ChainAnswer,
} from './AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityClient } from './AzureWorkloadIdentityClient';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
  },
  spec: { type: 'service', owner: 'group:default/team-orders' },
};

const chain: ChainAnswer = {
  entityRef: 'component:default/orders-api',
  checkedAt: '2026-12-07T10:00:00.000Z',
  fromCache: false,
  links: {
    cluster: 'ok',
    webhook: 'ok',
    pod: 'ok',
    serviceaccount: 'ok',
    federation: 'ok',
    identity: 'ok',
    roleassignment: 'ok',
    resource: 'ok',
    token: 'ok',
  },
  findings: [],
  bindings: [
    {
      usesWorkloadIdentity: true,
      cluster: 'aks-prod',
      namespace: 'orders',
      workload: 'deployment/orders-api',
      pods: 2,
      serviceAccount: 'orders-api',
      clientId: '11111111-1111-1111-1111-111111111111',
      identity: {
        name: 'wi-served-by-the-fake',
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-served-by-the-fake',
        clientId: '11111111-1111-1111-1111-111111111111',
        principalId: '22222222-2222-2222-2222-222222222222',
      },
      federatedCredentials: [],
      roleAssignments: [],
      targets: [],
    },
  ],
};

/** An app's own implementation: a plain object, no backend behind it. */
function fakeApi() {
  const asked: string[] = [];
  const api: Partial<AzureWorkloadIdentityApi> = {
    getChain: async ({ entityRef }) => {
      asked.push(`chain ${entityRef}`);
      return chain;
    },
    listRequests: async ({ entityRef }) => {
      asked.push(`requests ${entityRef}`);
      return { items: [] };
    },
  };
  return { api: api as AzureWorkloadIdentityApi, asked };
}

describe('the azureWorkloadIdentityApiRef', () => {
  it('has the default client registered by the legacy plugin', () => {
    const factory = [...azureWorkloadIdentityPlugin.getApis()].find(
      f => f.api.id === 'plugin.azure-workload-identity.service',
    );
    expect(factory?.api).toBe(azureWorkloadIdentityApiRef);
    const client = factory!.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backend' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(AzureWorkloadIdentityClient);
  });

  it('has the default client registered by the new frontend system plugin', () => {
    const factory = createExtensionTester(azureWorkloadIdentityApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe('plugin.azure-workload-identity.service');
  });

  it("can be replaced by an app's own implementation, which the card then shows (legacy app)", async () => {
    const { api, asked } = fakeApi();
    await renderInTestApp(
      <TestApiProvider apis={[[azureWorkloadIdentityApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityIdentityCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      (await screen.findAllByText(/wi-served-by-the-fake/)).length,
    ).toBeGreaterThan(0);
    expect(asked).toEqual(
      expect.arrayContaining([
        'chain component:default/orders-api',
        'requests component:default/orders-api',
      ]),
    );
  });

  it("can be replaced by an app's own implementation, which the card then shows (new frontend system)", async () => {
    const { api, asked } = fakeApi();
    renderInNewApp(
      <EntityProvider entity={entity}>
        <EntityIdentityCard />
      </EntityProvider>,
      {
        apis: [[azureWorkloadIdentityApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      (await screen.findAllByText(/wi-served-by-the-fake/)).length,
    ).toBeGreaterThan(0);
    await waitFor(() =>
      expect(asked).toContain('chain component:default/orders-api'),
    );
  });
});
