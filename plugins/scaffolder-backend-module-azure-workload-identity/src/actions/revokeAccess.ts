import { AuthService } from '@backstage/backend-plugin-api';
import { NotImplementedError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityApiError } from '../client/AzureWorkloadIdentityApiError';
import { ModuleSettings } from '../config/readModuleSettings';
import { initiatorToken } from './initiatorToken';
import { revokeAccessExamples } from './revokeAccess.examples';
import { explainApiError, forPeople } from './stepErrors';

/** @public */
export const REVOKE_ACTION_ID = 'azure:workload-identity:revoke';

/** @public */
export interface RevokeAccessActionOptions {
  api: AzureWorkloadIdentityApi;
  auth: AuthService;
  settings: ModuleSettings;
}

/**
 * `azure:workload-identity:revoke`: asks the backend, as the user who ran the template, to
 * tear down what a request granted. The backend does the teardown; the step ends once it has
 * accepted the revocation.
 *
 * @public
 */
export function createRevokeAccessAction(
  options: RevokeAccessActionOptions,
): TemplateAction<
  { requestId: string },
  { requestId: string; requestUrl: string; status: string },
  'v2'
> {
  // Typed out for a stable API report, as the request action is.
  const { api, auth, settings } = options;
  return createTemplateAction({
    id: REVOKE_ACTION_ID,
    description:
      'Revokes the Azure access an azure:workload-identity:request granted: its role assignments and federated credential are removed; the identity is kept by default.',
    examples: revokeAccessExamples,
    supportsDryRun: true,
    schema: {
      input: {
        requestId: z =>
          z
            .string()
            .min(1)
            .max(64)
            .describe('The id azure:workload-identity:request put out'),
      },
      output: {
        requestId: z => z.string(),
        requestUrl: z => z.string().describe('The request’s page in Backstage'),
        status: z => z.string().describe('Usually revoking, then revoked'),
      },
    },
    async handler(ctx) {
      const { requestId } = ctx.input;
      const token = initiatorToken({
        auth,
        getInitiatorCredentials: () => ctx.getInitiatorCredentials(),
      });
      const requestUrl = settings.requestUrl(requestId);
      ctx.output('requestId', requestId);
      ctx.output('requestUrl', requestUrl);

      if (ctx.isDryRun) {
        // Reading it proves the id and the user's access without changing anything.
        const request = await revoking(requestId, async () =>
          api.getRequest({
            requestId,
            token: await token(),
            signal: ctx.signal,
          }),
        );
        ctx.logger.info(
          `Dry run: would revoke request ${requestId} for ${request.entityRef} (${request.namespace}/${request.serviceAccountName}, now ${request.status})`,
        );
        ctx.output('status', request.status);
        return;
      }

      // Kept by the scaffolder, so a retried task does not ask twice for the same teardown.
      const status = await ctx.checkpoint({
        key: `revoke-request-${requestId}`,
        fn: () =>
          revoking(requestId, async () => {
            const request = await api.revokeRequest({
              requestId,
              token: await token(),
              signal: ctx.signal,
            });
            return request.status;
          }),
      });
      ctx.output('status', status);
      ctx.logger.info(
        `Request ${requestId} is ${status}; follow the teardown at ${requestUrl}`,
      );
    },
  });
}

async function revoking<T>(requestId: string, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    // Revocation is newer than the rest of the API: a backend without it answers 404 from
    // no route at all, which must not read as "no such request".
    if (error instanceof AzureWorkloadIdentityApiError && error.routeMissing) {
      throw forPeople(
        new NotImplementedError(
          `Revoking request ${requestId} failed: this Backstage's Azure Workload Identity backend cannot revoke requests yet (it has no ${error.operation}). Ask the platform team to revoke it, or upgrade the azure-workload-identity backend plugin.`,
        ),
      );
    }
    throw explainApiError(error, `Revoking request ${requestId}`);
  }
}
