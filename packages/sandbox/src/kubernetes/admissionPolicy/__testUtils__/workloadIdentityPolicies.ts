import type { KubeObject } from '../../types';
import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidationAction,
} from '../types';

/*
 * The two guardrails the portal generates per cluster, in the shape it
 * writes them. Reused by the tests of the evaluator and of whatever
 * generates, applies or inspects them.
 */

export const GRANTS_NAMESPACE = 'azure-workload-identity-system';
export const GRANTS_CONFIGMAP = 'azure-workload-identity-grants';
export const CLIENT_ID_POLICY = 'azure-workload-identity-client-id-grants';
export const DEFAULT_SA_POLICY = 'azure-workload-identity-no-default-sa';

const managedBy = {
  'app.kubernetes.io/managed-by': 'backstage-azure-workload-identity',
};

/**
 * A ServiceAccount's `azure.workload.identity/client-id`, when present, must
 * be granted to its namespace: the grants ConfigMap holds a key
 * `<namespace>.<clientId>` per active request (value: the request id).
 */
export function clientIdGrantsPolicy(): ValidatingAdmissionPolicy {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: CLIENT_ID_POLICY, labels: managedBy },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['serviceaccounts'],
          },
        ],
      },
      validations: [
        {
          expression:
            "!has(object.metadata.annotations) || !('azure.workload.identity/client-id' in object.metadata.annotations) || (has(params.data) && (object.metadata.namespace + '.' + object.metadata.annotations['azure.workload.identity/client-id']) in params.data)",
          messageExpression:
            "'client id ' + object.metadata.annotations['azure.workload.identity/client-id'] + ' is not granted to namespace ' + object.metadata.namespace + '; request access to this identity in the developer portal'",
          reason: 'Forbidden',
        },
      ],
    },
  };
}

/**
 * The grants are read from one ConfigMap. A missing ConfigMap lets requests
 * through (`Allow`) rather than refuse every ServiceAccount in the cluster,
 * kube-system's included; the guardrail health rule reports it missing.
 */
export function clientIdGrantsBinding(
  options: { validationActions?: ValidationAction[] } = {},
): ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: CLIENT_ID_POLICY, labels: managedBy },
    spec: {
      policyName: CLIENT_ID_POLICY,
      validationActions: options.validationActions ?? ['Deny'],
      paramRef: {
        name: GRANTS_CONFIGMAP,
        namespace: GRANTS_NAMESPACE,
        parameterNotFoundAction: 'Allow',
      },
    },
  };
}

export interface Grant {
  namespace: string;
  clientId: string;
  requestId: string;
}

export function grantsConfigMap(grants: Grant[]): KubeObject {
  const data = Object.fromEntries(
    grants.map(g => [`${g.namespace}.${g.clientId}`, g.requestId]),
  );
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: GRANTS_CONFIGMAP,
      namespace: GRANTS_NAMESPACE,
      labels: managedBy,
    },
    ...(grants.length > 0 ? { data } : {}),
  };
}

/**
 * A pod labelled `azure.workload.identity/use: "true"` must not run as the
 * `default` ServiceAccount. An absent or empty `spec.serviceAccountName`
 * means `default` (the ServiceAccount admission plugin fills it in).
 */
export function noDefaultServiceAccountPolicy(): ValidatingAdmissionPolicy {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: DEFAULT_SA_POLICY, labels: managedBy },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['CREATE'],
            resources: ['pods'],
          },
        ],
        objectSelector: {
          matchLabels: { 'azure.workload.identity/use': 'true' },
        },
      },
      variables: [
        {
          name: 'serviceAccountName',
          expression:
            "has(object.spec.serviceAccountName) && object.spec.serviceAccountName != '' ? object.spec.serviceAccountName : 'default'",
        },
      ],
      validations: [
        {
          expression: "variables.serviceAccountName != 'default'",
          messageExpression:
            "'pods using Azure workload identity in production namespace ' + request.namespace + ' must not run as the default service account; set spec.serviceAccountName to the service account provisioned for the workload'",
          reason: 'Forbidden',
        },
      ],
    },
  };
}

/** Production namespaces come from the portal's cluster configuration. */
export function noDefaultServiceAccountBinding(options: {
  productionNamespaces: string[];
  validationActions?: ValidationAction[];
}): ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: DEFAULT_SA_POLICY, labels: managedBy },
    spec: {
      policyName: DEFAULT_SA_POLICY,
      validationActions: options.validationActions ?? ['Deny'],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            {
              key: 'kubernetes.io/metadata.name',
              operator: 'In',
              values: options.productionNamespaces,
            },
          ],
        },
      },
    },
  };
}
