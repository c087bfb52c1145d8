import { randomUUID } from 'node:crypto';
import {
  AdmissionAttributes,
  evaluateAdmissionPolicies,
  ParamKind,
  ParamSource,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from '../admissionPolicy';
import { StatusError } from '../api/status';
import { ObjectReader } from '../objectAccess';
import { KubeObject } from '../types';
import { AdmissionRequest, ValidatingAdmissionPlugin } from './types';

const GROUP = 'admissionregistration.k8s.io';
const API_VERSION = `${GROUP}/v1`;

/**
 * The twin's own writes (seeding, controllers) carry no user; a real cluster's would come
 * from the API server's loopback client, which is this identity.
 */
const LOOPBACK_USER = {
  username: 'system:apiserver',
  groups: ['system:authenticated', 'system:masters'],
};

/**
 * kube-apiserver's ValidatingAdmissionPolicy plugin: the stored policies and bindings,
 * their params read from the store, evaluated by `evaluateAdmissionPolicies`
 * (../admissionPolicy). A denial is the verdict's Status as is; warnings and audit
 * annotations go to the admission context. Requests on the policies and bindings
 * themselves are not evaluated, as the real plugin's `isPolicyResource` skips them
 * (k8s.io/apiserver/pkg/admission/plugin/policy/generic/plugin.go).
 */
export function validatingAdmissionPolicyAdmission(
  objects: ObjectReader,
): ValidatingAdmissionPlugin {
  return {
    name: 'ValidatingAdmissionPolicy',
    validate(request, context) {
      if (isPolicyResource(request)) return;
      const bindings = objects.list(
        objects.type(API_VERSION, 'ValidatingAdmissionPolicyBinding'),
      ) as ValidatingAdmissionPolicyBinding[];
      // Most writes meet no binding: skip reading anything else.
      if (bindings.length === 0) return;
      const policies = objects.list(
        objects.type(API_VERSION, 'ValidatingAdmissionPolicy'),
      ) as ValidatingAdmissionPolicy[];
      const attributes = toAttributes(request);
      const verdict = evaluateAdmissionPolicies({
        attributes,
        namespaceObject: attributes.namespace
          ? objects.find('v1', 'Namespace', undefined, attributes.namespace)
          : undefined,
        policies,
        bindings,
        params: storeParams(objects),
      });
      for (const text of verdict.warnings) context.warn(text);
      for (const { key, value } of verdict.auditAnnotations)
        context.annotate(key, value);
      if (verdict.status) {
        const { code, reason, message, details } = verdict.status;
        throw new StatusError(code, reason, message, details);
      }
    },
  };
}

function isPolicyResource({ resource }: AdmissionRequest): boolean {
  return (
    resource.group === GROUP &&
    (resource.resource === 'validatingadmissionpolicies' ||
      resource.resource === 'validatingadmissionpolicybindings')
  );
}

const optionsKind = {
  CREATE: 'Create',
  UPDATE: 'Update',
  DELETE: 'Delete',
} as const;

/**
 * The twin's AdmissionRequest as the evaluator's attributes. Only exact matching is
 * served, so the requested resource and kind are the matched ones. A request on a
 * Namespace names that namespace, as the evaluator expects.
 */
export function toAttributes(request: AdmissionRequest): AdmissionAttributes {
  const { resource: rt } = request;
  const onNamespace = rt.group === '' && rt.resource === 'namespaces';
  return {
    operation: request.operation,
    resource: { group: rt.group, version: rt.version, resource: rt.resource },
    kind: { group: rt.group, version: rt.version, kind: rt.kind },
    namespace: onNamespace ? request.name : request.namespace,
    name: request.name,
    object: request.object ?? null,
    oldObject: request.oldObject ?? null,
    userInfo: request.userInfo ?? LOOPBACK_USER,
    uid: randomUUID(),
    dryRun: request.dryRun,
    options: {
      kind: `${optionsKind[request.operation]}Options`,
      apiVersion: 'meta.k8s.io/v1',
      ...(request.dryRun ? { dryRun: ['All'] } : {}),
    },
  };
}

/** Params are whatever the store holds of the kind; an unserved kind is unknown. */
function storeParams(objects: ObjectReader): ParamSource {
  const served = (kind: ParamKind) => {
    try {
      return objects.type(kind.apiVersion, kind.kind);
    } catch {
      return undefined;
    }
  };
  return {
    scopeOf(kind) {
      const rt = served(kind);
      if (!rt) return undefined;
      return rt.namespaced ? 'Namespaced' : 'Cluster';
    },
    list(kind, namespace): KubeObject[] {
      const rt = served(kind);
      return rt ? objects.list(rt, { namespace }) : [];
    },
  };
}
