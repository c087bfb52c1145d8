import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { requestRevokePermission } from '@internal/plugin-azure-workload-identity-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { z } from 'zod';
import { Revoker } from '../lifecycle/Revoker';
import { parseInput } from './inputProblems';
import { requestIdParamsSchema } from './listQuery';

const revokeBodySchema = z
  .object({
    reason: z.string().max(2000, 'at most 2000 characters').optional(),
  })
  .strict();

/** `POST /requests/:id/revoke`: a person, allowed by the permission policy, takes access away. */
export function addRevokeRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    revoker?: Revoker;
  },
) {
  const { httpAuth, permissions, auditor, revoker } = options;
  router.post('/requests/:id/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { id } = parseInput({
      schema: requestIdParamsSchema,
      input: req.params,
      what: 'request id',
    });
    const { reason } = parseInput({
      schema: revokeBodySchema,
      input: req.body ?? {},
      what: 'revocation',
    });
    const [decision] = await permissions.authorize(
      [{ permission: requestRevokePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'the permission policy does not let you revoke Azure access',
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
      meta: { requestId: id },
    });
    try {
      const request = await revoker.revoke({
        id,
        actor: credentials.principal.userEntityRef,
        reason,
      });
      await audit.success();
      res.json({ request });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
}
