import {
  builtinRoles,
  resourceTypes,
} from '@internal/plugin-azure-workload-identity-common';
import express from 'express';
import { ClusterConfig } from '../clients/readClusterConfig';

/**
 * What the request form may offer: the resource types the role compiler understands (their
 * intents, finer permissions and the sub-resources roles can be scoped to), the built-in
 * roles with whether they are privileged, and the configured clusters. Nothing secret: no
 * tokens, no CA data.
 */
export function addCatalogRoutes(
  router: express.Router,
  options: { clusters: ClusterConfig[] },
) {
  // Built once: the catalogue is static for the life of the process.
  const roles = {
    resourceTypes: resourceTypes.map(t => ({
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
  }));

  router.get('/catalog/roles', (_req, res) => {
    res.json(roles);
  });
  router.get('/catalog/clusters', (_req, res) => {
    res.json({ clusters });
  });
}
