import type { KubeObject } from '../types';

/*
 * The admissionregistration.k8s.io/v1 shapes the evaluator reads, as the API
 * reference defines them:
 * https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/validating-admission-policy-v1/
 * https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/validating-admission-policy-binding-v1/
 * Only the fields the evaluator acts on are typed.
 */

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
export type FailurePolicy = 'Fail' | 'Ignore';
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface NamedRuleWithOperations {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: Array<Operation | '*'>;
  resourceNames?: string[];
  scope?: 'Cluster' | 'Namespaced' | '*';
}

export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  matchPolicy?: 'Exact' | 'Equivalent';
}

export interface ParamKind {
  apiVersion: string;
  kind: string;
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction?: 'Allow' | 'Deny';
}

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface NamedExpression {
  name: string;
  expression: string;
}

export interface AuditAnnotationSpec {
  key: string;
  valueExpression: string;
}

export interface ValidatingAdmissionPolicy extends KubeObject {
  spec: {
    paramKind?: ParamKind;
    matchConstraints?: MatchResources;
    validations?: Validation[];
    failurePolicy?: FailurePolicy;
    auditAnnotations?: AuditAnnotationSpec[];
    matchConditions?: NamedExpression[];
    variables?: NamedExpression[];
  };
}

export interface ValidatingAdmissionPolicyBinding extends KubeObject {
  spec: {
    policyName: string;
    paramRef?: ParamRef;
    matchResources?: MatchResources;
    validationActions: ValidationAction[];
  };
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Who made the request, as authentication/v1 UserInfo. */
export interface RequestUser {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** What the API server knows about one request when admission runs. */
export interface AdmissionAttributes {
  operation: Operation;
  resource: GroupVersionResource;
  subresource?: string;
  kind: GroupVersionKind;
  /** Empty or absent for cluster-scoped resources. */
  namespace?: string;
  /** Absent on CREATE when the server generates the name. */
  name?: string;
  /** Null on DELETE. */
  object?: KubeObject | null;
  /** Null on CREATE. */
  oldObject?: KubeObject | null;
  userInfo: RequestUser;
  uid?: string;
  dryRun?: boolean;
  /** CreateOptions, UpdateOptions or DeleteOptions as sent. */
  options?: Record<string, unknown>;
}

export type ParamScope = 'Namespaced' | 'Cluster';

/** How the evaluator reads parameter objects; the twin backs it with its store. */
export interface ParamSource {
  /** Whether the kind is served and how it is scoped; undefined when the API server does not know it. */
  scopeOf(kind: ParamKind): ParamScope | undefined;
  /** Every object of the kind, limited to one namespace when given. */
  list(kind: ParamKind, namespace?: string): KubeObject[];
}

export interface AdmissionPolicyInput {
  attributes: AdmissionAttributes;
  /** The Namespace of a namespaced request; undefined for cluster-scoped ones or when it does not exist. */
  namespaceObject?: KubeObject;
  policies: ValidatingAdmissionPolicy[];
  bindings: ValidatingAdmissionPolicyBinding[];
  params: ParamSource;
}

/** The `metav1.Status` fields of a refusal, as kube-apiserver returns them. */
export interface AdmissionDenial {
  code: number;
  reason: string;
  message: string;
  details: {
    name: string;
    group?: string;
    kind: string;
    causes: Array<{ message: string }>;
  };
}

export interface AuditAnnotation {
  key: string;
  value: string;
}

export interface AdmissionVerdict {
  allowed: boolean;
  /** Set when the request is refused. */
  status?: AdmissionDenial;
  /** HTTP `Warning` header texts (code 299). */
  warnings: string[];
  /** Annotations the audit event of this request would carry. */
  auditAnnotations: AuditAnnotation[];
}
