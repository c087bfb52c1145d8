import {
  builtinRoles,
  ResourceTypeSpec,
  resourceTypes as builtinResourceTypes,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { requestCreatePermission } from '@backstage-community/plugin-azure-workload-identity-common';
import express from 'express';
import { z } from 'zod';
import { ClusterConfig } from '../config/readClusterConfig';
import { RequestChoicesReader } from '../clients/RequestChoicesReader';
import { parseInput } from './inputProblems';

const clusterParamsSchema = z.object({
  cluster: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/, 'name a configured AKS cluster'),
});

/**
 * What the request form may offer: the resource types the role compiler understands, its own
 * and those modules added (their intents, finer permissions and the sub-resources roles can be
 * scoped to), the built-in
 * roles with whether they are privileged, the configured clusters, and, read live for those
 * allowed to request access, the namespaces of a cluster and the Azure resources one can ask
 * for. Nothing secret: no tokens, no CA data.
 */
export function addCatalogRoutes(
  router: express.Router,
  options: {
    clusters: ClusterConfig[];
    /** Default the built-in types. */
    resourceTypes?: readonly ResourceTypeSpec[];
    choices?: RequestChoicesReader;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
  },
) {
  // Built once: the catalogue is static for the life of the process.
  const roles = {
    resourceTypes: (options.resourceTypes ?? builtinResourceTypes).map(t => ({
      type: t.type,
      displayName: t.displayName,
      scopeKinds: ['resource', ...t.subScopes.map(s => s.kind)],
      intents: Object.keys(t.intents),
      permissions: Object.entries(t.permissions).map(([name, p]) => ({
        name,
        description: p.description,
        scopeKinds: p.scopeKinds,
      })),
    })),
    roles: builtinRoles.map(r => ({
      id: r.id,
      roleName: r.roleName,
      category: r.category,
      description: r.description,
      privileged: r.privileged,
    })),
  };
  const clusters = options.clusters.map(c => ({
    name: c.name,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
    // `apply`: the portal writes the service account; `manifest`: it hands the YAML back.
    serviceAccounts: c.provisioner ? 'apply' : 'manifest',
    // The form shows it; requests do not state it (the configuration is its only source).
    ...(c.environment ? { environment: c.environment } : {}),
    ...(c.namespaceEnvironments.length > 0
      ? { namespaceEnvironments: c.namespaceEnvironments }
      : {}),
  }));

  router.get('/catalog/roles', (_req, res) => {
    res.json(roles);
  });
  router.get('/catalog/clusters', (_req, res) => {
    res.json({ clusters });
  });

  // Live reads name what exists in the tenant: only for those who may ask for access.
  const liveChoices = async (req: express.Request) => {
    // Creating is decided per component; whoever may request for some component may see
    // what there is to pick from.
    const [decision] = await options.permissions.authorizeConditional(
      [{ permission: requestCreatePermission }],
      { credentials: await options.httpAuth.credentials(req) },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        'the permission policy does not let you request Azure access',
      );
    }
    if (!options.choices) {
      throw new ServiceUnavailableError(
        'the request form cannot list namespaces and resources: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      );
    }
    return options.choices;
  };

  router.get('/catalog/clusters/:cluster/namespaces', async (req, res) => {
    const { cluster } = parseInput({
      schema: clusterParamsSchema,
      input: req.params,
      what: 'cluster',
    });
    const namespaces = await (
      await liveChoices(req)
    ).listNamespaces({ cluster });
    if (!namespaces) {
      throw new NotFoundError(
        `no cluster '${cluster}' is configured; pick one of ${
          clusters.map(c => c.name).join(', ') || '(none configured)'
        }`,
      );
    }
    res.json({ namespaces });
  });

  router.get('/catalog/resources', async (req, res) => {
    res.json({ resources: await (await liveChoices(req)).listResources() });
  });
}
