import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { ENTITY_REF_ANNOTATION } from '../planning/buildSteps';
import { EnsureServiceAccountStep } from '../planning/Plan';
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
  /**
   * The labels this request put on the account: all of them when it created it (only these may
   * be on it to delete it), the ones it added to an account that was already there (removed at
   * revoke while they still have that value).
   */
  labels: Record<string, string>;
  created: boolean;
  /** The client id this request pointed the account at; another one now means re-pointed. */
  clientId?: string;
}

/**
 * What a service account step applied, as a removal: undefined when it set nothing on an
 * account that was already there.
 */
export function serviceAccountRemovalFromOutputs(options: {
  step: EnsureServiceAccountStep;
  stepOutput: JsonObject;
  identityOutput: JsonObject | undefined;
  request: AccessRequestRecord;
}): ServiceAccountRemoval | undefined {
  const { step, stepOutput, identityOutput } = options;
  const clientId =
    typeof identityOutput?.clientId === 'string'
      ? identityOutput.clientId
      : undefined;
  const created = stepOutput.outcome === 'created';
  const annotations: Record<string, string> = {};
  const found: string[] = [];
  if (isObject(stepOutput.annotations)) {
    for (const [key, record] of Object.entries(stepOutput.annotations)) {
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
      const value = plannedValue(step, key, identityOutput);
      if (value !== undefined) annotations[key] = value;
    }
  } else if (stepOutput.outcome === 'updated') {
    // Also recorded before: which annotation was new cannot be told. The pointer and the
    // portal's own marker go, as revoking always did; the tenant id stays, as it always did.
    if (clientId)
      annotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId] = clientId;
    annotations[ENTITY_REF_ANNOTATION] = options.request.entityRef;
  }
  const labels = created ? { ...step.labels } : addedLabels(stepOutput);
  if (
    !created &&
    Object.keys(annotations).length === 0 &&
    Object.keys(labels).length === 0
  ) {
    return undefined;
  }
  return {
    kind: 'service-account',
    cluster: step.cluster,
    namespace: step.namespace,
    name: step.name,
    annotations,
    found,
    labels,
    created,
    clientId,
  };
}

/**
 * The labels a write added to an account that was already there. A step recorded before label
 * outcomes were kept added none that can be told, so none are taken back.
 */
function addedLabels(stepOutput: JsonObject): Record<string, string> {
  const added: Record<string, string> = {};
  if (!isObject(stepOutput.labels)) return added;
  for (const [key, record] of Object.entries(stepOutput.labels)) {
    if (
      isObject(record) &&
      record.outcome === 'added' &&
      typeof record.value === 'string'
    ) {
      added[key] = record.value;
    }
  }
  return added;
}

/** A removal as stored on the timeline, read back; undefined when it is not a service account's. */
export function parseServiceAccountRemoval(
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

/** A removal as the timeline stores it. */
export function serviceAccountRemovalToJson(
  removal: ServiceAccountRemoval,
): JsonObject {
  const { clientId, ...rest } = removal;
  return { ...rest, ...(clientId ? { clientId } : {}) };
}

/** An annotation's value as the step wrote it, when the outputs still tell it. */
function plannedValue(
  step: EnsureServiceAccountStep,
  key: string,
  identityOutput: JsonObject | undefined,
): string | undefined {
  const planned = step.annotations[key];
  if (typeof planned === 'string') return planned;
  const value = identityOutput?.[planned.output];
  return typeof value === 'string' ? value : undefined;
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
