import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { ENTITY_REF_ANNOTATION } from '../planning/buildSteps';
import { identityStepOf } from '../planning/identityStepOf';
import { EnsureServiceAccountStep, PlanStep } from '../planning/Plan';
import { AccessRequestRecord, JsonObject, JsonValue } from '../requests/types';

/**
 * How to take a service account back to what it was before a request: the annotations the
 * request set (with the values it set), and whether it created the account itself.
 */
export interface ServiceAccountRemoval {
  kind: 'service-account';
  cluster: string;
  namespace: string;
  name: string;
  /** Annotations this request added or replaced, with the value it wrote. */
  annotations: Record<string, string>;
  /** Annotations that were already there with the same value: not this request's. */
  found: string[];
  /** The labels it wrote when it created the account; only these may be on it to delete it. */
  labels: Record<string, string>;
  created: boolean;
  /** The client id this request pointed the account at; another one now means re-pointed. */
  clientId?: string;
}

/** The request's managed identity, lower case. */
export function identityOf(request: AccessRequestRecord): string | undefined {
  return identityStepOf(request.plan)?.resourceId.toLowerCase();
}

/** Whether `other`'s plan holds the same role assignment, credential or service account. */
export function sameThing(
  step: PlanStep,
  request: AccessRequestRecord,
  other: AccessRequestRecord,
): boolean {
  const identity = identityOf(request);
  if (!identity || identityOf(other) !== identity) return false;
  const key = thingOf(step);
  return (
    key !== undefined &&
    (other.plan?.steps ?? []).some(theirs => thingOf(theirs) === key)
  );
}

/** A key for what a step stands for, the same in every request that holds it. */
export function thingOf(step: PlanStep): string | undefined {
  switch (step.kind) {
    case 'ensure-role-assignment':
      return `role-assignment:${step.scope.toLowerCase()}|${step.roleId.toLowerCase()}`;
    case 'ensure-federated-credential':
      return `federated-credential:${step.identityResourceId.toLowerCase()}|${
        step.name
      }`;
    case 'ensure-service-account':
      return `service-account:${step.cluster}/${step.namespace}/${step.name}`;
    default:
      return undefined;
  }
}

/**
 * How to remove what this request made itself, read from the step's recorded outputs;
 * undefined for what it only adopted (found already there) or never applied.
 */
export function removalOf(
  step: PlanStep,
  outputs: ReadonlyMap<string, JsonObject>,
  request: AccessRequestRecord,
): JsonObject | undefined {
  const out = outputs.get(step.id);
  const identity = outputs.get('identity');
  if (
    step.kind === 'ensure-role-assignment' &&
    out?.adopted === false &&
    typeof out.assignmentId === 'string'
  ) {
    return { assignmentId: out.assignmentId };
  }
  if (
    step.kind === 'ensure-federated-credential' &&
    out?.written === true &&
    typeof identity?.resourceId === 'string'
  ) {
    return { identityResourceId: identity.resourceId, name: step.name };
  }
  if (step.kind === 'ensure-service-account' && out?.mode === 'applied') {
    const removal = serviceAccountRemovalOf(step, out, identity, request);
    return removal ? toJson(removal) : undefined;
  }
  return undefined;
}

/** Why revoking leaves a step's thing alone when this request did not make it. */
export function adoptedReason(
  step: PlanStep,
  outputs: ReadonlyMap<string, JsonObject>,
): string | undefined {
  const out = outputs.get(step.id);
  if (!out) return undefined;
  switch (step.kind) {
    case 'ensure-role-assignment':
      return out.adopted === true
        ? 'the role assignment existed before this request, which only reused it'
        : undefined;
    case 'ensure-federated-credential':
      return out.written === false
        ? 'the federated credential existed before this request, which only reused it'
        : undefined;
    case 'ensure-service-account':
      if (out.mode === 'manifest') {
        return 'the service account is applied through GitOps: remove its workload identity annotations from the manifest';
      }
      return 'the service account already pointed at this identity before this request, which set nothing on it';
    default:
      return undefined;
  }
}

/**
 * What two requests made of the same thing, together: a request removes what it made and
 * what an earlier request handed over to it when that one was revoked.
 */
export function combineRemovals(
  own: JsonObject | undefined,
  handed: JsonObject | undefined,
): JsonObject | undefined {
  const ownAccount = serviceAccountRemovalFrom(own);
  const handedAccount = serviceAccountRemovalFrom(handed);
  if (!ownAccount || !handedAccount) return own ?? handed;
  return toJson({
    ...ownAccount,
    annotations: { ...handedAccount.annotations, ...ownAccount.annotations },
    // What the earlier request set counts as set, even where this one found it.
    found: ownAccount.found.filter(key => !(key in handedAccount.annotations)),
    labels: { ...handedAccount.labels, ...ownAccount.labels },
    created: ownAccount.created || handedAccount.created,
    clientId: ownAccount.clientId ?? handedAccount.clientId,
  });
}

/** A removal as stored on the timeline, read back; undefined when it is not a service account's. */
export function serviceAccountRemovalFrom(
  json: JsonObject | undefined,
): ServiceAccountRemoval | undefined {
  if (
    json?.kind !== 'service-account' ||
    typeof json.cluster !== 'string' ||
    typeof json.namespace !== 'string' ||
    typeof json.name !== 'string'
  ) {
    return undefined;
  }
  return {
    kind: 'service-account',
    cluster: json.cluster,
    namespace: json.namespace,
    name: json.name,
    annotations: stringsOf(json.annotations),
    found: Array.isArray(json.found)
      ? json.found.filter((k): k is string => typeof k === 'string')
      : [],
    labels: stringsOf(json.labels),
    created: json.created === true,
    clientId: typeof json.clientId === 'string' ? json.clientId : undefined,
  };
}

function serviceAccountRemovalOf(
  step: EnsureServiceAccountStep,
  out: JsonObject,
  identity: JsonObject | undefined,
  request: AccessRequestRecord,
): ServiceAccountRemoval | undefined {
  const clientId =
    typeof identity?.clientId === 'string' ? identity.clientId : undefined;
  const created = out.outcome === 'created';
  const annotations: Record<string, string> = {};
  const found: string[] = [];
  if (isObject(out.annotations)) {
    for (const [key, record] of Object.entries(out.annotations)) {
      if (!isObject(record) || typeof record.value !== 'string') continue;
      if (record.outcome === 'added' || record.outcome === 'replaced') {
        annotations[key] = record.value;
      } else {
        found.push(key);
      }
    }
  } else if (created) {
    // Recorded before outcomes were kept per annotation. The account did not exist, so all
    // the plan's annotations were this request's, where their values can still be told.
    for (const key of Object.keys(step.annotations)) {
      const value = plannedValue(step, key, identity);
      if (value !== undefined) annotations[key] = value;
    }
  } else if (out.outcome === 'updated') {
    // Also recorded before: which annotation was new cannot be told. The pointer and the
    // portal's own marker go, as revoking always did; the tenant id stays, as it always did.
    if (clientId)
      annotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId] = clientId;
    annotations[ENTITY_REF_ANNOTATION] = request.entityRef;
  }
  if (!created && Object.keys(annotations).length === 0) return undefined;
  return {
    kind: 'service-account',
    cluster: step.cluster,
    namespace: step.namespace,
    name: step.name,
    annotations,
    found,
    labels: created ? { ...step.labels } : {},
    created,
    clientId,
  };
}

/** An annotation's value as the step wrote it, when the outputs still tell it. */
function plannedValue(
  step: EnsureServiceAccountStep,
  key: string,
  identity: JsonObject | undefined,
): string | undefined {
  const planned = step.annotations[key];
  if (typeof planned === 'string') return planned;
  const value = identity?.[planned.output];
  return typeof value === 'string' ? value : undefined;
}

function toJson(removal: ServiceAccountRemoval): JsonObject {
  const { clientId, ...rest } = removal;
  return { ...rest, ...(clientId ? { clientId } : {}) };
}

function stringsOf(value: JsonValue | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  if (!isObject(value)) return strings;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') strings[key] = item;
  }
  return strings;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
