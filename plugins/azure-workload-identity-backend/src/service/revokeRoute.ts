import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { requestRevokePermission } from '@backstage-community/plugin-azure-workload-identity-common';
import express from 'express';
import { z } from 'zod';
import { Revoker } from '../lifecycle/Revoker';
import { AccessRequestService } from '../requests/AccessRequestService';
import { mayActOnRequest } from './mayActOnRequest';
import { parseInput } from './inputProblems';
import { requestIdParamsSchema } from './listQuery';

const revokeBodySchema = z
  .object({
    reason: z.string().max(2000, 'at most 2000 characters').optional(),
    /** Delete the managed identity too, if nothing else uses it any more. */
    deleteIdentity: z.boolean().optional(),
  })
  .strict();

/** `POST /requests/:id/revoke`: a person takes access away. */
export function addRevokeRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    requests: AccessRequestService;
    revoker?: Revoker;
  },
) {
  const { httpAuth, permissions, auditor, requests, revoker } = options;
  router.post('/requests/:id/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { id } = parseInput({
      schema: requestIdParamsSchema,
      input: req.params,
      what: 'request id',
    });
    const { reason, deleteIdentity } = parseInput({
      schema: revokeBodySchema,
      input: req.body ?? {},
      what: 'revocation',
    });
    const request = await requests.get(id);
    const allowed = await mayActOnRequest({
      permissions,
      credentials,
      permission: requestRevokePermission,
      request,
    });
    if (!allowed) {
      throw new NotAllowedError(
        `only ${request.requestedBy}, who asked for it, the owners of ${request.entityRef}, and those the permission policy allows may revoke this access`,
      );
    }
    if (!revoker) {
      throw new ServiceUnavailableError(
        'provisioning is not configured, so nothing can be revoked: set azureWorkloadIdentity.azure.tenantId and the clusters',
      );
    }
    const audit = await auditor.createEvent({
      eventId: 'request-revoke',
      severityLevel: 'high',
      request: req,
      meta: { requestId: id, deleteIdentity: deleteIdentity === true },
    });
    try {
      const revoked = await revoker.revoke({
        id,
        actor: credentials.principal.userEntityRef,
        reason,
        deleteIdentity,
      });
      await audit.success();
      res.json({ request: revoked });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
}
