import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityClient,
} from './api';
import { requestFormFields } from './components/RequestForm';

/** @public */
export const approvalsRouteRef = createRouteRef({
  id: 'azure-workload-identity-approvals',
});

/** @public */
export const inventoryRouteRef = createRouteRef({
  id: 'azure-workload-identity-inventory',
});

/** @public */
export const requestRouteRef = createRouteRef({
  id: 'azure-workload-identity-request',
  params: ['id'],
});

/** @public */
export const azureWorkloadIdentityPlugin = createPlugin({
  id: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  // The default client; an app's own factory for the same ref takes its place.
  apis: [
    createApiFactory({
      api: azureWorkloadIdentityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureWorkloadIdentityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    approvals: approvalsRouteRef,
    inventory: inventoryRouteRef,
    request: requestRouteRef,
  },
});

/**
 * One request with its plan and timeline (legacy frontend system): mount it at
 * `/azure-workload-identity/requests/:id`, where notifications and the scaffolder link.
 *
 * @public
 */
export const AzureAccessRequestPage: () => JSX.Element =
  azureWorkloadIdentityPlugin.provide(
    createRoutableExtension({
      name: 'AzureAccessRequestPage',
      component: () =>
        import('./components/RequestDetail').then(m => m.RequestDetailPage),
      mountPoint: requestRouteRef,
    }),
  );

/**
 * The platform team's approvals page (legacy frontend system): mount it at a route, e.g.
 * `<Route path="/azure-workload-identity/approvals" element={<AzureAccessApprovalsPage />} />`.
 *
 * @public
 */
export const AzureAccessApprovalsPage: () => JSX.Element =
  azureWorkloadIdentityPlugin.provide(
    createRoutableExtension({
      name: 'AzureAccessApprovalsPage',
      component: () =>
        import('./components/Approvals').then(m => m.ApprovalsPage),
      mountPoint: approvalsRouteRef,
    }),
  );

/**
 * The fleet inventory (legacy frontend system): mount it at a route, e.g.
 * `<Route path="/azure-workload-identity/inventory" element={<AzureAccessInventoryPage />} />`.
 *
 * @public
 */
export const AzureAccessInventoryPage: () => JSX.Element =
  azureWorkloadIdentityPlugin.provide(
    createRoutableExtension({
      name: 'AzureAccessInventoryPage',
      component: () =>
        import('./components/Inventory').then(m => m.InventoryPage),
      mountPoint: inventoryRouteRef,
    }),
  );

/**
 * The identity card with the whole chain, for a component's entity page (legacy frontend
 * system).
 *
 * @public
 */
export const EntityAzureWorkloadIdentityCard: () => JSX.Element =
  azureWorkloadIdentityPlugin.provide(
    createComponentExtension({
      name: 'EntityAzureWorkloadIdentityCard',
      component: {
        lazy: () =>
          import('./components/IdentityCard').then(m => m.EntityIdentityCard),
      },
    }),
  );

/**
 * The Azure access summary for the top of a component's overview (legacy frontend system):
 * the chain in one line, the worst finding, the access held and a link to the whole chain on
 * the "Azure access" tab (`tabPath`, by default `azure-access`).
 *
 * @public
 */
export const EntityAzureAccessSummaryCard: (props: {
  tabPath?: string;
}) => JSX.Element = azureWorkloadIdentityPlugin.provide(
  createComponentExtension({
    name: 'EntityAzureAccessSummaryCard',
    component: {
      lazy: () =>
        import('./components/IdentityCard').then(
          m => m.EntityAzureAccessSummaryCard,
        ),
    },
  }),
);

/**
 * The whole chain as a tab of a component's page (legacy frontend system), as the Kubernetes
 * plugin has its own: `<EntityLayout.Route path="/azure-access" title="Azure access">`.
 *
 * @public
 */
export const EntityAzureAccessContent: () => JSX.Element =
  azureWorkloadIdentityPlugin.provide(
    createComponentExtension({
      name: 'EntityAzureAccessContent',
      component: {
        lazy: () =>
          import('./components/IdentityCard').then(m => m.EntityIdentityCard),
      },
    }),
  );

/**
 * The "Request Azure access" template's fields (legacy frontend system): render them inside
 * `<ScaffolderFieldExtensions>` of the scaffolder route.
 *
 * @public
 */
export const AzureClusterPickerFieldExtension =
  azureWorkloadIdentityPlugin.provide(
    createScaffolderFieldExtension(requestFormFields.cluster),
  );

/** @public */
export const AzureNamespacePickerFieldExtension =
  azureWorkloadIdentityPlugin.provide(
    createScaffolderFieldExtension(requestFormFields.namespace),
  );

/** @public */
export const AzureResourceAccessPickerFieldExtension =
  azureWorkloadIdentityPlugin.provide(
    createScaffolderFieldExtension(requestFormFields.resources),
  );

/** @public */
export const AzureAccessPlanReviewFieldExtension =
  azureWorkloadIdentityPlugin.provide(
    createScaffolderFieldExtension(requestFormFields.planReview),
  );
