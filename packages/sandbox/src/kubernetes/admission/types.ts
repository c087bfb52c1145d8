import { ResourceType } from '../api/resources';
import { KubeObject, UserInfo } from '../types';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * One write as admission sees it: the fields of admission.k8s.io/v1 AdmissionRequest
 * the twin fills, which are also the variables a ValidatingAdmissionPolicy's CEL reads
 * (`request`, `object`, `oldObject`).
 */
export interface AdmissionRequest {
  operation: AdmissionOperation;
  resource: ResourceType;
  namespace?: string;
  name: string;
  /** The object as it would be stored (CREATE, UPDATE); absent for DELETE. */
  object?: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  oldObject?: KubeObject;
  /** Who writes; absent for the twin's own seeding and its controllers. */
  userInfo?: UserInfo;
  dryRun: boolean;
}

/**
 * What a plugin reports besides admitting or refusing, as kube-apiserver's warning
 * recorder and audit context take it: warnings reach the client as HTTP
 * `Warning: 299 - "<text>"` headers, annotations go on the request's audit event.
 * Both also hold when the plugin then refuses the write.
 */
export interface AdmissionContext {
  warn(text: string): void;
  annotate(key: string, value: string): void;
}

/**
 * A mutating admission plugin (the ServiceAccount plugin, MutatingAdmissionWebhook).
 * Returns the object to continue with; throws a StatusError to refuse the write.
 */
export interface MutatingAdmissionPlugin {
  readonly name: string;
  admit(
    request: AdmissionRequest & { object: KubeObject },
    context: AdmissionContext,
  ): KubeObject;
}

/**
 * A validating admission plugin (ValidatingAdmissionPolicy, ValidatingAdmissionWebhook).
 * Sees the final object after every mutation; throws a StatusError to refuse the write.
 */
export interface ValidatingAdmissionPlugin {
  readonly name: string;
  validate(request: AdmissionRequest, context: AdmissionContext): void;
}
