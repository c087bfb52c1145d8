import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ServiceAccountState,
  ServiceAccountTeardown,
} from '../clients/ProvisioningClients';
import { JsonObject } from '../requests/types';
import { ServiceAccountRemoval } from './serviceAccountRemoval';

/** What revoking did to a service account (`applied`) and what it left, and why (`kept`). */
export interface ServiceAccountTeardownOutcome {
  applied?: JsonObject;
  kept?: { reason: string } & JsonObject;
}

/**
 * Takes back what a request set on a service account: the annotations it wrote, the labels it
 * added to an account that was already there, and the account itself when the request created it, no pod runs as it and nobody has added anything
 * to it since. An account re-pointed at another identity since is someone else's binding now,
 * and left whole.
 */
export async function removeServiceAccount(
  teardown: ServiceAccountTeardown | undefined,
  removal: ServiceAccountRemoval,
): Promise<ServiceAccountTeardownOutcome> {
  const { cluster, namespace, name } = removal;
  const ref = { cluster, namespace, name };
  if (!teardown) {
    return {
      kept: {
        reason: `The portal can no longer write to cluster ${cluster}: remove the workload identity annotations of service account ${namespace}/${name} by hand.`,
      },
    };
  }
  const before = await teardown.readServiceAccount(ref);
  if (!before) return { applied: { serviceAccount: 'absent' } };
  const pointer = before.annotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId];
  if (
    removal.clientId &&
    pointer !== undefined &&
    pointer !== removal.clientId
  ) {
    return {
      kept: {
        reason: `It was pointed at another identity (client id ${pointer}) since, so it belongs to that binding now and was left as it is.`,
      },
    };
  }

  const removable = Object.keys(removal.annotations).filter(
    key => before.annotations[key] === removal.annotations[key],
  );
  // Labels it added to an account that was already there; a created account goes whole below.
  const labels = removal.created ? {} : removal.labels;
  const removableLabels = Object.keys(labels).filter(
    key => before.labels[key] === labels[key],
  );
  const applied: JsonObject = {};
  if (removable.length > 0 || removableLabels.length > 0) {
    applied.serviceAccount = await teardown.removeMetadata({
      ...ref,
      annotations: removal.annotations,
      labels,
    });
    if (removable.length > 0) applied.removedAnnotations = removable;
    if (removableLabels.length > 0) applied.removedLabels = removableLabels;
  }
  const reasons: string[] = [];
  if (!removal.created) {
    reasons.push('the service account existed before this request');
  }
  if (removal.found.length > 0) {
    reasons.push(
      `${removal.found.length === 1 ? 'annotation' : 'annotations'} ${listed(
        removal.found,
      )} ${
        removal.found.length === 1 ? 'was' : 'were'
      } already on it with the same value`,
    );
  }
  if (removal.created) {
    const account = await deleteIfUnused(teardown, removal);
    if (account.deleted) applied.deleted = true;
    else reasons.push(account.reason);
  }
  return {
    ...(Object.keys(applied).length > 0 ? { applied } : {}),
    ...(reasons.length > 0
      ? { kept: { reason: `${capitalised(reasons.join('; '))}.` } }
      : {}),
  };
}

async function deleteIfUnused(
  teardown: ServiceAccountTeardown,
  removal: ServiceAccountRemoval,
): Promise<{ deleted: true } | { deleted: false; reason: string }> {
  const ref = {
    cluster: removal.cluster,
    namespace: removal.namespace,
    name: removal.name,
  };
  const pods = await teardown.podsUsing(ref);
  if (pods.length > 0) {
    return {
      deleted: false,
      reason: `this request created the service account, but ${
        pods.length === 1 ? 'pod' : 'pods'
      } ${listed(pods)} still ${pods.length === 1 ? 'runs' : 'run'} as it`,
    };
  }
  const now = await teardown.readServiceAccount(ref);
  if (!now) return { deleted: true };
  const added = addedSince(now, removal);
  if (added.length > 0) {
    return {
      deleted: false,
      reason: `this request created the service account, but it now carries ${listed(
        added,
      )}, which this request did not set`,
    };
  }
  const outcome = await teardown.deleteServiceAccount({
    ...ref,
    resourceVersion: now.resourceVersion,
  });
  if (outcome === 'changed') {
    return {
      deleted: false,
      reason:
        'this request created the service account, but someone changed it while it was being revoked, so it was left in place',
    };
  }
  return { deleted: true };
}

/** What is on the account that the request did not put there: someone else's since. */
function addedSince(
  account: ServiceAccountState,
  removal: ServiceAccountRemoval,
): string[] {
  return [
    ...Object.keys(account.annotations).map(key => `annotation ${key}`),
    ...Object.entries(account.labels)
      .filter(([key, value]) => removal.labels[key] !== value)
      .map(([key]) => `label ${key}`),
    ...account.imagePullSecrets.map(secret => `image pull secret ${secret}`),
  ];
}

function listed(items: string[]): string {
  return items.join(', ');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
