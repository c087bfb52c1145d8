import { LoggerService } from '@backstage/backend-plugin-api';
import { AzureTeardown } from '../clients/ProvisioningClients';
import { RequestStore } from '../database/RequestStore';
import { identityStepOf } from '../planning/identityStepOf';
import { AccessRequestRecord, JsonObject } from '../requests/types';

/**
 * Last, and only when asked: the identity goes if this request created it and no credential
 * or role assignment is left on it, e.g. another request's; otherwise it stays. Answers the
 * facts for the `revoked` event, which say why it stayed.
 */
export async function deleteIdentityIfUnused(options: {
  request: AccessRequestRecord;
  appliedOutputs: Map<string, JsonObject>;
  actor: string;
  azure: Pick<AzureTeardown, 'deleteIdentityIfUnused'>;
  store: Pick<RequestStore, 'appendEvent'>;
  logger: LoggerService;
}): Promise<JsonObject> {
  const { request } = options;
  const identity = options.appliedOutputs.get('identity');
  if (
    typeof identity?.resourceId !== 'string' ||
    typeof identity?.principalId !== 'string'
  ) {
    return { identityKept: true };
  }
  if (identityStepOf(request.plan)?.action !== 'create') {
    return {
      identityKept: true,
      identityKeptBecause:
        'the identity existed before this request, which only reused it',
    };
  }
  const grantScopes = (request.plan?.steps ?? []).flatMap(step =>
    step.kind === 'ensure-role-assignment' ? [step.scope] : [],
  );
  try {
    const outcome = await options.azure.deleteIdentityIfUnused({
      identityResourceId: identity.resourceId,
      principalId: identity.principalId,
      grantScopes,
    });
    if (!outcome.deleted) {
      return { identityKept: true, identityUsedBy: outcome.usedBy };
    }
    await options.store.appendEvent({
      requestId: request.id,
      type: 'teardown-applied',
      actor: options.actor,
      planHash: request.planHash,
      detail: { step: 'identity', identityResourceId: identity.resourceId },
    });
    return { identityKept: false };
  } catch (error) {
    // The access is gone either way; an identity left behind is only clutter.
    const message = error instanceof Error ? error.message : String(error);
    options.logger.warn(
      `Request ${request.id} is revoked but its identity could not be deleted: ${message}`,
    );
    return { identityKept: true, identityDeleteError: message };
  }
}
