import { createHash } from 'node:crypto';
import {
  CLIENT_ID_ANNOTATION,
  CLIENT_ID_POLICY,
  DEFAULT_SA_POLICY,
  GRANTS_CONFIGMAP,
  GUARDRAIL_NAMESPACE,
  GUARDRAIL_VERSION_ANNOTATION,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  PROVISIONED_SA_POLICY,
  USE_LABEL,
} from './guardrailNames';
import { GuardrailObject, ValidationAction } from './kubernetesObjects';

// ValidatingAdmissionPolicy is GA in admissionregistration.k8s.io/v1 since Kubernetes 1.30:
// https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
const API_VERSION = 'admissionregistration.k8s.io/v1';

export interface GuardrailPolicyOptions {
  validationActions: ValidationAction[];
  /** CEL on `request.namespace`: true for the cluster's production namespaces. */
  productionNamespaces: string;
  /** Also refuse pods whose service account the portal did not provision. */
  requireProvisionedServiceAccounts: boolean;
}

function versioned(object: GuardrailObject): GuardrailObject {
  const digest = createHash('sha256')
    .update(JSON.stringify({ kind: object.kind, spec: object.spec }))
    .digest('hex')
    .slice(0, 16);
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { [GUARDRAIL_VERSION_ANNOTATION]: digest },
    },
  };
}

const annotation = `object.metadata.annotations['${CLIENT_ID_ANNOTATION}']`;

/**
 * A ServiceAccount may name in `azure.workload.identity/client-id` only a client id the portal
 * granted to its namespace: the key `<namespace>.<client id>` of the grants ConfigMap. Client
 * ids are GUIDs that Azure answers in lower case; `lowerAscii` is of Kubernetes' CEL strings
 * library.
 */
function clientIdPolicy(): GuardrailObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: CLIENT_ID_POLICY },
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
          expression: `!has(object.metadata.annotations) || !('${CLIENT_ID_ANNOTATION}' in object.metadata.annotations) || (has(params.data) && (object.metadata.namespace + '.' + ${annotation}.lowerAscii()) in params.data)`,
          messageExpression: `'client id ' + ${annotation} + ' is not granted to namespace ' + object.metadata.namespace + '; request Azure access for this workload in the developer portal'`,
          reason: 'Forbidden',
        },
      ],
    },
  };
}

/**
 * The grants are one ConfigMap in the portal's namespace, out of reach of namespace editors. A
 * missing ConfigMap lets requests through rather than refuse every ServiceAccount of the
 * cluster (kube-system's included); the guardrail health rule reports it.
 */
function clientIdBinding(actions: ValidationAction[]): GuardrailObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: CLIENT_ID_POLICY },
    spec: {
      policyName: CLIENT_ID_POLICY,
      validationActions: actions,
      paramRef: {
        name: GRANTS_CONFIGMAP,
        namespace: GUARDRAIL_NAMESPACE,
        parameterNotFoundAction: 'Allow',
      },
    },
  };
}

const SERVICE_ACCOUNT_OF_POD = {
  name: 'serviceAccountName',
  // An absent or empty serviceAccountName means `default`: the ServiceAccount admission
  // plugin fills it in, and may do so after validation sees the pod.
  expression:
    "has(object.spec.serviceAccountName) && object.spec.serviceAccountName != '' ? object.spec.serviceAccountName : 'default'",
};

const LABELLED_POD_CREATE = {
  resourceRules: [
    {
      apiGroups: [''],
      apiVersions: ['v1'],
      operations: ['CREATE'],
      resources: ['pods'],
    },
  ],
  objectSelector: { matchLabels: { [USE_LABEL]: 'true' } },
};

/** A production pod that uses workload identity must not run as `default`. */
function defaultServiceAccountPolicy(productionNamespaces: string) {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: DEFAULT_SA_POLICY },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: LABELLED_POD_CREATE,
      matchConditions: [
        { name: 'production-namespace', expression: productionNamespaces },
      ],
      variables: [SERVICE_ACCOUNT_OF_POD],
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

/** Optionally: a labelled pod's service account must be one the portal provisioned. */
function provisionedServiceAccountPolicy() {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: PROVISIONED_SA_POLICY },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: LABELLED_POD_CREATE,
      variables: [SERVICE_ACCOUNT_OF_POD],
      validations: [
        {
          expression:
            "has(params.data) && ('sa.' + request.namespace + '.' + variables.serviceAccountName) in params.data",
          messageExpression:
            "'service account ' + variables.serviceAccountName + ' in namespace ' + request.namespace + ' was not provisioned by the developer portal; request Azure access for this workload there'",
          reason: 'Forbidden',
        },
      ],
    },
  };
}

function plainBinding(
  name: string,
  actions: ValidationAction[],
  paramRef?: object,
): GuardrailObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: {
      policyName: name,
      validationActions: actions,
      ...(paramRef ? { paramRef } : {}),
    },
  };
}

/**
 * The policies and bindings the portal keeps on a cluster, each carrying a digest of its spec.
 * The grants ConfigMap is written separately, as requests become active or are revoked.
 */
export function guardrailPolicies(
  options: GuardrailPolicyOptions,
): GuardrailObject[] {
  const objects: GuardrailObject[] = [
    clientIdPolicy(),
    clientIdBinding(options.validationActions),
  ];
  if (options.productionNamespaces !== 'false') {
    objects.push(
      defaultServiceAccountPolicy(options.productionNamespaces),
      plainBinding(DEFAULT_SA_POLICY, options.validationActions),
    );
  }
  if (options.requireProvisionedServiceAccounts) {
    objects.push(
      provisionedServiceAccountPolicy(),
      plainBinding(PROVISIONED_SA_POLICY, options.validationActions, {
        name: GRANTS_CONFIGMAP,
        namespace: GUARDRAIL_NAMESPACE,
        parameterNotFoundAction: 'Deny',
      }),
    );
  }
  return objects.map(versioned);
}
