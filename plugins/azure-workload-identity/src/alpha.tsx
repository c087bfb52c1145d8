import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import ListAltIcon from '@material-ui/icons/ListAlt';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  azureWorkloadIdentityApiRef,
  AzureWorkloadIdentityClient,
} from './api';

/**
 * The plugin's client of its backend; an app overrides this extension (or registers its own
 * API for the same ref) to replace it.
 *
 * @alpha
 */
export const azureWorkloadIdentityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: azureWorkloadIdentityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureWorkloadIdentityClient({ discoveryApi, fetchApi }),
    }),
});

const isComponent = (entity: { kind: string }) =>
  entity.kind.toLowerCase() === 'component';

/**
 * The Azure access summary on every component's overview: the chain in one line, the worst
 * finding, the access held and a link to the whole chain. An `info` card, so apps that list
 * it first in `app.extensions` show it at the top of the overview, on a phone too.
 *
 * @alpha
 */
export const azureAccessEntityCard = EntityCardBlueprint.make({
  name: 'azure-access',
  params: {
    type: 'info',
    filter: isComponent,
    loader: async () =>
      import('./components/IdentityCard').then(m => (
        <m.EntityAzureAccessSummaryCard />
      )),
  },
});

/**
 * The whole chain on the component's own "Azure access" tab, as the Kubernetes plugin has its
 * own tab.
 *
 * @alpha
 */
export const azureAccessEntityContent = EntityContentBlueprint.make({
  name: 'azure-access',
  params: {
    path: '/azure-access',
    title: 'Azure access',
    filter: isComponent,
    loader: async () =>
      import('./components/IdentityCard').then(m => <m.EntityIdentityCard />),
  },
});

// Route refs give the pages a place in the app's navigation.
const approvalsRouteRef = createRouteRef();
const inventoryRouteRef = createRouteRef();

/**
 * The platform team's approvals page.
 *
 * @alpha
 */
export const approvalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/azure-workload-identity/approvals',
    title: 'Azure approvals',
    // A title and an icon put the page in the app's navigation.
    icon: <AssignmentTurnedInIcon />,
    routeRef: approvalsRouteRef,
    // The page brings its own header, which the legacy app needs too.
    noHeader: true,
    loader: async () =>
      import('./components/Approvals').then(m => <m.ApprovalsPage />),
  },
});

/**
 * The platform team's fleet inventory of roles and chains.
 *
 * @alpha
 */
export const inventoryPage = PageBlueprint.make({
  name: 'inventory',
  params: {
    path: '/azure-workload-identity/inventory',
    title: 'Azure inventory',
    icon: <ListAltIcon />,
    routeRef: inventoryRouteRef,
    noHeader: true,
    loader: async () =>
      import('./components/Inventory').then(m => <m.InventoryPage />),
  },
});

/**
 * One request with its plan and timeline; notifications and the scaffolder link here.
 *
 * @alpha
 */
export const requestPage = PageBlueprint.make({
  name: 'request',
  params: {
    path: '/azure-workload-identity/requests/:id',
    title: 'Request for Azure access',
    noHeader: true,
    loader: async () =>
      import('./components/RequestDetail').then(m => <m.RequestDetailPage />),
  },
});

const formFields = () => import('./components/RequestForm/formFields');

/**
 * The "Request Azure access" template's fields.
 *
 * @alpha
 */
export const clusterPickerField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: { field: () => formFields().then(m => m.clusterPickerFormField) },
});
/** @alpha */
export const namespacePickerField = FormFieldBlueprint.make({
  name: 'namespace-picker',
  params: { field: () => formFields().then(m => m.namespacePickerFormField) },
});
/** @alpha */
export const resourceAccessPickerField = FormFieldBlueprint.make({
  name: 'resource-access-picker',
  params: {
    field: () => formFields().then(m => m.resourceAccessPickerFormField),
  },
});
/** @alpha */
export const planReviewField = FormFieldBlueprint.make({
  name: 'plan-review',
  params: { field: () => formFields().then(m => m.planReviewFormField) },
});

/**
 * The plugin for the new frontend system; apps with `app.packages: all` discover it.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  routes: { approvals: approvalsRouteRef, inventory: inventoryRouteRef },
  extensions: [
    azureWorkloadIdentityApi,
    azureAccessEntityCard,
    azureAccessEntityContent,
    approvalsPage,
    inventoryPage,
    requestPage,
    clusterPickerField,
    namespacePickerField,
    resourceAccessPickerField,
    planReviewField,
  ],
});
