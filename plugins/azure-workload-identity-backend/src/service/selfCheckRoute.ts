import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { requestApprovePermission } from '@backstage-community/plugin-azure-workload-identity-common';
import express from 'express';
import { z } from 'zod';
import { authorizeBasic } from './authorizeBasic';
import { parseInput } from './inputProblems';
import { SelfCheck } from '../selfCheck/RecentSelfCheck';

/**
 * `GET /self-check`: what the portal's own identity can and cannot do with the configured
 * credentials, and the commands that grant what is missing. For the platform team (those who
 * may approve requests): it describes the portal's privileges.
 */
export function addSelfCheckRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    selfChecker?: SelfCheck;
  },
) {
  router.get('/self-check', async (req, res) => {
    const { refresh } = parseInput({
      schema: z
        .object({
          refresh: z
            .enum(['true', 'false'], {
              errorMap: () => ({ message: "use 'true' or 'false'" }),
            })
            .optional(),
        })
        .strict(),
      input: req.query,
      what: 'query',
    });
    await authorizeBasic({
      permissions: options.permissions,
      credentials: await options.httpAuth.credentials(req),
      permission: requestApprovePermission,
      why: "the self-check shows the portal's own privileges; it is for those who may approve requests for Azure access",
    });
    if (!options.selfChecker) {
      throw new ServiceUnavailableError(
        'nothing to check yet: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      );
    }
    // A recent report is reused (the check makes dozens of upstream calls); ?refresh=true asks anew.
    res.json(await options.selfChecker.check({ refresh: refresh === 'true' }));
  });
}
