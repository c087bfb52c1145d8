import { AuthService } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  REQUEST_ACTION_ID,
  serviceAccountSubject,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';
import { ModuleSettings } from '../config/readModuleSettings';
import { followRequest } from '../progress/followRequest';
import { createRequestCheckpointKey } from './accessRequestSpec';
import { initiatorToken } from './initiatorToken';
import { nextStepMarkdown, nextStepOf } from './nextStep';
import { readLiveChain } from './readLiveChain';
import { describePlan, summarizePlan } from './planSummary';
import { requestAccessExamples } from './requestAccess.examples';
import { requestOutputs } from './requestOutputs';
import { settleRequest } from './settleRequest';
import { explainingFailures } from './stepErrors';
import { validSpecOf } from './validSpecOf';

/** @public */
export interface RequestAccessActionOptions {
  api: AzureWorkloadIdentityApi;
  auth: AuthService;
  settings: ModuleSettings;
}

/**
 * What the template gives `azure:workload-identity:request`.
 *
 * @public
 */
export type RequestAccessInput = {
  entityRef: string;
  cluster: string;
  namespace: string;
  serviceAccountName: string;
  resources: {
    resourceId: string;
    intent?: string;
    permissions?: string[];
    mustNot?: string[];
  }[];
  /** Not needed: the backend takes the environment from the cluster's configuration. */
  environment?: string;
  justification?: string;
  identityName?: string;
  expiresAt?: string;
};

/**
 * What `azure:workload-identity:request` outputs.
 *
 * @public
 */
export type RequestAccessOutput = {
  subject: string;
  plan?: {
    planHash: string;
    requiresApproval: boolean;
    approvalReasons: string[];
    steps: { id: string; kind: string; action?: string; why: string }[];
  };
  requestId?: string;
  requestUrl?: string;
  status?: string;
  clientId?: string;
  principalId?: string;
  tenantId?: string;
  identityResourceId?: string;
  serviceAccount?: string;
  manifest?: string;
  nextStep?: string;
};

/**
 * `azure:workload-identity:request`: asks for Azure access for a component's workload. The
 * backend plugin plans and provisions the chain; this action speaks for the user who ran the
 * template and reports the progress of their request.
 *
 * @public
 */
export function createRequestAccessAction(
  options: RequestAccessActionOptions,
): TemplateAction<RequestAccessInput, RequestAccessOutput, 'v2'> {
  // Typed out rather than inferred from the schema: an inferred type prints its members in an
  // order that varies between compilations, which would make the API report unstable.
  const { api, auth, settings } = options;
  return createTemplateAction({
    id: REQUEST_ACTION_ID,
    description:
      'Requests Azure access for a component through AKS workload identity: a managed identity, a federated credential for its service account and least-privilege role assignments. Ends when the access is active or waits for approval.',
    examples: requestAccessExamples,
    supportsDryRun: true,
    schema: {
      // Types only: the rules (names, resource ids, intents) are the request's own, checked in
      // the handler so the step fails with the message the form shows, not a schema pattern.
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The component, e.g. component:default/orders-api'),
        cluster: z => z.string().describe('AKS cluster name'),
        namespace: z => z.string().describe('Kubernetes namespace'),
        serviceAccountName: z =>
          z.string().describe('Kubernetes service account the pods run as'),
        resources: z =>
          z
            .array(
              z.object({
                resourceId: z.string().describe('Full Azure resource id'),
                intent: z
                  .string()
                  .optional()
                  .describe(
                    'read, write or manage: what the workload does there; or give permissions',
                  ),
                permissions: z
                  .array(z.string())
                  .optional()
                  .describe(
                    'A narrower list than an intent, e.g. certificates.read, blob.write',
                  ),
                mustNot: z
                  .array(z.string())
                  .optional()
                  .describe(
                    'What the workload must not be able to do, e.g. blob.delete; the plan says where no built-in role can honour it',
                  ),
              }),
            )
            .describe('The Azure resources the workload needs'),
        // Kept so templates written before the environment came from the cluster still run;
        // the backend refuses a value that contradicts its configuration.
        environment: z =>
          z
            .string()
            .optional()
            .describe(
              "Not needed: the environment comes from the cluster's configuration. A value that contradicts it is refused",
            ),
        justification: z => z.string().optional(),
        identityName: z =>
          z
            .string()
            .optional()
            .describe(
              'The managed identity to create or reuse; defaults to id-<component>-<cluster>',
            ),
        expiresAt: z =>
          z
            .string()
            .optional()
            .describe(
              'ISO date or date-time after which the access is revoked',
            ),
      },
      output: {
        subject: z =>
          z
            .string()
            .describe('The federated credential subject the chain will trust'),
        plan: z =>
          z
            .object({
              planHash: z.string(),
              requiresApproval: z.boolean(),
              approvalReasons: z.array(z.string()),
              steps: z.array(
                z.object({
                  id: z.string(),
                  kind: z.string(),
                  action: z.string().optional(),
                  why: z.string(),
                }),
              ),
            })
            .optional()
            .describe('Dry run only: what would be done, and why'),
        requestId: z => z.string().optional(),
        requestUrl: z =>
          z.string().optional().describe('The request’s page in Backstage'),
        status: z =>
          z
            .string()
            .optional()
            .describe('active, or pending-approval when a person must approve'),
        clientId: z =>
          z
            .string()
            .optional()
            .describe('For the azure.workload.identity/client-id annotation'),
        principalId: z => z.string().optional(),
        tenantId: z => z.string().optional(),
        identityResourceId: z => z.string().optional(),
        serviceAccount: z =>
          z.string().optional().describe('<namespace>/<name>'),
        manifest: z =>
          z
            .string()
            .optional()
            .describe(
              'The service account to apply, when the cluster is managed through GitOps',
            ),
        nextStep: z =>
          z
            .string()
            .optional()
            .describe(
              "What remains to do, in Markdown: the label for the pods (one command for the workload the component's live chain names), and how long Azure may take to apply the roles",
            ),
      },
    },
    async handler(ctx) {
      const spec = validSpecOf(ctx.input);
      const token = initiatorToken({
        auth,
        getInitiatorCredentials: () => ctx.getInitiatorCredentials(),
      });
      ctx.output('subject', serviceAccountSubject(spec));

      if (ctx.isDryRun) {
        const plan = await explainingFailures('Planning the access', async () =>
          api.plan({ spec, token: await token(), signal: ctx.signal }),
        );
        describePlan(plan).forEach(line => ctx.logger.info(line));
        ctx.output('plan', summarizePlan(plan));
        return;
      }

      // Kept by the scaffolder: a retried task finds this request instead of making another.
      const requestId = await ctx.checkpoint({
        key: createRequestCheckpointKey(spec),
        fn: () =>
          explainingFailures('Requesting the access', async () => {
            const created = await api.createRequest({
              spec,
              token: await token(),
              signal: ctx.signal,
            });
            return created.id;
          }),
      });
      const requestUrl = settings.requestUrl(requestId);
      ctx.output('requestId', requestId);
      ctx.output('requestUrl', requestUrl);
      ctx.logger.info(`Request ${requestId}: ${requestUrl}`);

      const { request, timedOut } = await explainingFailures(
        `Following request ${requestId}`,
        () =>
          followRequest({
            api,
            requestId,
            getToken: token,
            logger: ctx.logger,
            pollIntervalMs: settings.pollIntervalMs,
            timeoutMs: settings.waitTimeoutMs,
            signal: ctx.signal,
          }),
      );
      ctx.output('status', request.status);
      for (const [name, value] of Object.entries(requestOutputs(request))) {
        if (value !== undefined) {
          ctx.output(name as keyof ReturnType<typeof requestOutputs>, value);
        }
      }
      // Read once the request is active: the chain names the workload the pods step is about.
      const next =
        request.status === 'active'
          ? nextStepOf({
              request,
              requestUrl,
              chain: await readLiveChain({
                api,
                entityRef: request.entityRef,
                token,
                logger: ctx.logger,
                signal: ctx.signal,
              }),
            })
          : undefined;
      if (next) {
        ctx.output('nextStep', nextStepMarkdown(next));
      } else if (request.status === 'pending-approval') {
        ctx.output(
          'nextStep',
          `The platform team must approve the request first; the portal builds the chain once it is approved. Follow it at ${requestUrl}`,
        );
      }
      settleRequest({
        request,
        next,
        timedOut,
        requestUrl,
        timeoutMs: settings.waitTimeoutMs,
        logger: ctx.logger,
      });
    },
  });
}
