import { FaultRules } from '../faults';
import { ObjectReader } from '../objectAccess';
import { workloadIdentityWebhookAdmission } from '../webhook/admission';
import { AdmissionPlugins } from './chain';
import { serviceAccountAdmission } from './serviceAccount';
import { validatingAdmissionPolicyAdmission } from './validatingAdmissionPolicy';

/**
 * The admission plugins every twin cluster runs, in kube-apiserver's order: built-in
 * mutating plugins, then mutating webhooks, then validating plugins. A new plugin is a
 * file in this folder implementing `MutatingAdmissionPlugin` or
 * `ValidatingAdmissionPlugin` (./types.ts), added to a list here. ValidatingAdmissionPolicy
 * runs at the head of `validating`, where kube-apiserver runs it.
 */
export function builtInAdmission(options: {
  objects: ObjectReader;
  faults: FaultRules;
  /** The cluster's tenant and authority host, for the webhook's defaults. */
  webhookDefaults(): { tenantId: string; authorityHost: string };
}): AdmissionPlugins {
  return {
    mutating: [
      serviceAccountAdmission(options.objects),
      workloadIdentityWebhookAdmission({
        objects: options.objects,
        faults: options.faults,
        defaults: options.webhookDefaults,
      }),
    ],
    validating: [validatingAdmissionPolicyAdmission(options.objects)],
  };
}
