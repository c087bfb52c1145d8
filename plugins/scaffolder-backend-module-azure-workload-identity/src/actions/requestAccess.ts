import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  REQUEST_ACTION_ID,
  serviceAccountSubject,
} from '@internal/plugin-azure-workload-identity-common';
import { requestAccessExamples } from './requestAccess.examples';

// Kubernetes names: RFC 1123 labels for namespaces, subdomains for service accounts.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * `azure:workload-identity:request`: asks for Azure access for a component's workload. The
 * backend plugin plans and provisions the chain; this action only speaks for the user who ran
 * the template.
 */
export function createRequestAccessAction() {
  return createTemplateAction({
    id: REQUEST_ACTION_ID,
    description:
      'Requests Azure access for a component through AKS workload identity: a managed identity, a federated credential for its service account and least-privilege role assignments.',
    examples: requestAccessExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string().regex(/^component:[^/]+\/.+$/, {
            message:
              'must be a component entity ref, e.g. component:default/orders-api',
          }),
        cluster: z => z.string().min(1).describe('AKS cluster name'),
        namespace: z =>
          z.string().max(63).regex(DNS_LABEL, {
            message:
              'must be a Kubernetes namespace name (lower case, digits and -)',
          }),
        serviceAccountName: z =>
          z.string().max(253).regex(DNS_SUBDOMAIN, {
            message:
              'must be a Kubernetes service account name (lower case, digits, - and .)',
          }),
        resources: z =>
          z
            .array(
              z.object({
                resourceId: z.string().startsWith('/subscriptions/', {
                  message:
                    'must be an Azure resource id starting with /subscriptions/',
                }),
                intent: z.enum(['read', 'write', 'manage']),
              }),
            )
            .min(1, { message: 'name at least one Azure resource' }),
        justification: z => z.string().max(2000).optional(),
      },
      output: {
        subject: z =>
          z
            .string()
            .describe('The federated credential subject the chain will trust'),
      },
    },
    async handler(ctx) {
      const subject = serviceAccountSubject({
        namespace: ctx.input.namespace,
        serviceAccountName: ctx.input.serviceAccountName,
      });
      ctx.output('subject', subject);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would request ${ctx.input.resources.length} resource(s) for ${subject} on ${ctx.input.cluster}`,
        );
        return;
      }

      throw new Error(
        'This portal cannot provision Azure access yet: the request service is not installed. Ask the platform team, or run the template as a dry run to preview the request.',
      );
    },
  });
}
