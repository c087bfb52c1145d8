import alphaPlugin from './alpha';
import {
  AzureAccessPlanReviewFieldExtension,
  AzureClusterPickerFieldExtension,
  AzureNamespacePickerFieldExtension,
  AzureResourceAccessPickerFieldExtension,
} from './plugin';
import { requestFormFields } from './components/RequestForm';

describe('the request template fields', () => {
  it('are offered to legacy apps as scaffolder field extensions', () => {
    for (const extension of [
      AzureClusterPickerFieldExtension,
      AzureNamespacePickerFieldExtension,
      AzureResourceAccessPickerFieldExtension,
      AzureAccessPlanReviewFieldExtension,
    ]) {
      expect(extension).toBeInstanceOf(Function);
    }
  });

  it('are form fields of the plugin in the new frontend system', () => {
    const ids = (alphaPlugin as any).extensions.map(
      (e: { id: string }) => e.id,
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'scaffolder-form-field:azure-workload-identity/cluster-picker',
        'scaffolder-form-field:azure-workload-identity/namespace-picker',
        'scaffolder-form-field:azure-workload-identity/resource-access-picker',
        'scaffolder-form-field:azure-workload-identity/plan-review',
      ]),
    );
  });

  it('carry the ui:field names the template uses', () => {
    expect(Object.values(requestFormFields).map(f => f.name)).toEqual([
      'AzureClusterPicker',
      'AzureNamespacePicker',
      'AzureResourceAccessPicker',
      'AzureAccessPlanReview',
    ]);
  });
});
