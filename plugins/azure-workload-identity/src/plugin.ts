import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@internal/plugin-azure-workload-identity-common';

/** @public */
export const azureWorkloadIdentityPlugin = createPlugin({
  id: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
});

/**
 * The identity card for a component's entity page (legacy frontend system).
 *
 * @public
 */
export const EntityAzureWorkloadIdentityCard =
  azureWorkloadIdentityPlugin.provide(
    createComponentExtension({
      name: 'EntityAzureWorkloadIdentityCard',
      component: {
        lazy: () =>
          import('./components/IdentityCard').then(m => m.EntityIdentityCard),
      },
    }),
  );
