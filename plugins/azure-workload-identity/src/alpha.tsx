import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@internal/plugin-azure-workload-identity-common';

/** The identity card, on every component's overview. */
export const identityEntityCard = EntityCardBlueprint.make({
  name: 'identity-chain',
  params: {
    filter: entity => entity.kind.toLowerCase() === 'component',
    loader: async () =>
      import('./components/IdentityCard').then(m => <m.EntityIdentityCard />),
  },
});

/**
 * The plugin for the new frontend system; apps with `app.packages: all` discover it.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  extensions: [identityEntityCard],
});
