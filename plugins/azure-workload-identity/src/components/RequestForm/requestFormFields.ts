import { ClusterPickerField } from './ClusterPickerField';
import {
  validateAccessTargets,
  validateCluster,
  validateNamespace,
  validatePlan,
} from './fieldValidation';
import { NamespacePickerField } from './NamespacePickerField';
import { PlanReviewField } from './PlanReviewField';
import { ResourceAccessPickerField } from './ResourceAccessPickerField';

/**
 * The fields of the "Request Azure access" template, by the `ui:field` names templates use.
 * One list, registered both in the new frontend system and in legacy apps.
 */
export const requestFormFields = {
  cluster: {
    name: 'AzureClusterPicker',
    component: ClusterPickerField,
    validation: validateCluster,
  },
  namespace: {
    name: 'AzureNamespacePicker',
    component: NamespacePickerField,
    validation: validateNamespace,
  },
  resources: {
    name: 'AzureResourceAccessPicker',
    component: ResourceAccessPickerField,
    validation: validateAccessTargets,
  },
  planReview: {
    name: 'AzureAccessPlanReview',
    component: PlanReviewField,
    validation: validatePlan,
  },
};
