import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { requestFormFields } from './requestFormFields';

// The new frontend system's form fields, loaded when the scaffolder first needs them.
export const clusterPickerFormField = createFormField(
  requestFormFields.cluster,
);
export const namespacePickerFormField = createFormField(
  requestFormFields.namespace,
);
export const resourceAccessPickerFormField = createFormField(
  requestFormFields.resources,
);
export const planReviewFormField = createFormField(
  requestFormFields.planReview,
);
