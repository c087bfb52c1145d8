import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from '../types';

/** A policy on core/v1 configmaps CREATE/UPDATE, with the given spec fields on top. */
export function configMapPolicy(
  name: string,
  spec: Partial<ValidatingAdmissionPolicy['spec']>,
): ValidatingAdmissionPolicy {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['configmaps'],
          },
        ],
      },
      ...spec,
    },
  };
}

export function bindingFor(
  policyName: string,
  spec: Partial<ValidatingAdmissionPolicyBinding['spec']> = {},
  name = `${policyName}-binding`,
): ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions: ['Deny'], ...spec },
  };
}
