import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import ListAltIcon from '@material-ui/icons/ListAlt';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * The identity card, on every component's overview.
 *
 * @alpha
 */
export const identityEntityCard = EntityCardBlueprint.make({
  name: 'identity-chain',
  params: {
    filter: entity => entity.kind.toLowerCase() === 'component',
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
    identityEntityCard,
    approvalsPage,
    inventoryPage,
    requestPage,
    clusterPickerField,
    namespacePickerField,
    resourceAccessPickerField,
    planReviewField,
  ],
});
