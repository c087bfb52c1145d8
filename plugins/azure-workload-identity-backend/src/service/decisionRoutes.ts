import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  requestApprovePermission,
  requestManagePermission,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { mayActOnRequest } from './mayActOnRequest';
import express from 'express';
import { z } from 'zod';
import { RequestDecisions } from '../requests/RequestDecisions';
import { authorizeBasic } from './authorizeBasic';
import { parseInput } from './inputProblems';
import { requestIdParamsSchema } from './listQuery';

const approveBodySchema = z
  .object({
    planHash: z
      .string()
      .regex(
        /^sha256:[0-9a-f]{64}$/,
        'send the planHash of the plan you reviewed, as GET /requests/:id returns it',
      ),
    comment: z.string().max(2000, 'at most 2000 characters').optional(),
  })
  .strict();

const rejectBodySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'say why, so the requester knows what to change')
      .max(2000, 'at most 2000 characters'),
  })
  .strict();

const cancelBodySchema = z.object({}).strict();

/**
 * Approve, reject and cancel. Only people decide: service credentials are refused, because the
 * permission framework allows every service principal and a decision must name a person.
 */
export function addDecisionRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    decisions: RequestDecisions;
    approverGroup: string;
  },
) {
  const { httpAuth, permissions, auditor, decisions } = options;

  // Cancelling and retrying are the requester's, and whoever the policy allows on the request.
  const mayManage = async (id: string, credentials: BackstageCredentials) =>
    mayActOnRequest({
      permissions,
      credentials,
      permission: requestManagePermission,
      request: await decisions.get(id),
    });

  const decide = (
    action: 'approve' | 'reject' | 'cancel',
    run: (input: {
      id: string;
      actor: string;
      body: unknown;
      credentials: BackstageCredentials<BackstageUserPrincipal>;
    }) => Promise<unknown>,
  ) =>
    router.post(`/requests/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { id } = parseInput({
        schema: requestIdParamsSchema,
        input: req.params,
        what: 'request id',
      });
      if (action !== 'cancel') {
        await authorizeBasic({
          permissions,
          credentials,
          permission: requestApprovePermission,
          why: `only members of ${options.approverGroup} may ${action} requests for Azure access`,
        });
      }
      const audit = await auditor.createEvent({
        eventId: `request-${action}`,
        severityLevel: 'high',
        request: req,
        meta: { requestId: id },
      });
      try {
        const request = await run({
          id,
          actor: credentials.principal.userEntityRef,
          body: req.body ?? {},
          credentials,
        });
        await audit.success();
        res.json({ request });
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
    });

  decide('approve', ({ id, actor, body }) => {
    const { planHash, comment } = parseInput({
      schema: approveBodySchema,
      input: body,
      what: 'approval',
    });
    return decisions.approve({ id, actor, planHash, comment });
  });
  decide('reject', ({ id, actor, body }) => {
    const { reason } = parseInput({
      schema: rejectBodySchema,
      input: body,
      what: 'rejection',
    });
    return decisions.reject({ id, actor, reason });
  });
  router.post('/requests/:id/retry', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { id } = parseInput({
      schema: requestIdParamsSchema,
      input: req.params,
      what: 'request id',
    });
    parseInput({
      schema: cancelBodySchema,
      input: req.body ?? {},
      what: 'retry',
    });
    const request = await decisions.retry({
      id,
      actor: credentials.principal.userEntityRef,
      mayManage: await mayManage(id, credentials),
    });
    res.json({ request });
  });

  decide('cancel', async ({ id, actor, body, credentials }) => {
    parseInput({ schema: cancelBodySchema, input: body, what: 'cancellation' });
    return decisions.cancel({
      id,
      actor,
      mayManage: await mayManage(id, credentials),
    });
  });
}
