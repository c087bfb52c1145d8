import { apiVersionOf, ResourceCatalog, ResourceType } from './resources';

/** Legacy (non-aggregated) discovery: what kubectl and client-node fall back to and accept. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, version: string) {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(catalog: ResourceCatalog) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog.groups().map(g => apiGroup(g.group, g.version)),
  };
}

export function apiGroupDoc(catalog: ResourceCatalog, group: string) {
  const found = catalog.groups().find(g => g.group === group);
  return found
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...apiGroup(found.group, found.version),
      }
    : undefined;
}

export function apiResourceList(
  catalog: ResourceCatalog,
  group: string,
  version: string,
) {
  const resources: unknown[] = [];
  const entry = (r: ResourceType) => ({
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    storageVersionHash: Buffer.from(`${r.group}/${r.resource}`)
      .toString('base64')
      .slice(0, 11),
  });
  for (const r of catalog.inGroupVersion(group, version)) {
    resources.push(entry(r));
    for (const s of r.subresources ?? [])
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
  }
  if (
    !resources.length &&
    !catalog.groups().some(g => g.group === group && g.version === version)
  )
    return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/**
 * A minimal OpenAPI v3 index. kubectl (apply, create, ...) asks it whether the
 * server validates fields itself (`fieldValidation` on PATCH); saying yes
 * keeps kubectl from demanding the full schema for client-side validation.
 * Patch operations deliberately list no strategic-merge content type, so
 * kubectl computes apply patches from its built-in types.
 */
export function openApiV3Index(catalog: ResourceCatalog) {
  const paths: Record<string, { serverRelativeURL: string }> = {
    'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=SANDBOX' },
  };
  for (const g of catalog.groups())
    paths[`apis/${g.group}/${g.version}`] = {
      serverRelativeURL: `/openapi/v3/apis/${g.group}/${g.version}?hash=SANDBOX`,
    };
  return { paths };
}

export function openApiV3Doc(
  catalog: ResourceCatalog,
  group: string,
  version: string,
  kubernetesVersion: string,
) {
  const types = catalog.inGroupVersion(group, version);
  if (!types.length) return undefined;
  const paths: Record<string, unknown> = {};
  const fieldValidation = {
    name: 'fieldValidation',
    in: 'query',
    description:
      'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
    schema: { type: 'string', uniqueItems: true },
  };
  for (const r of types) {
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const path = r.namespaced
      ? `${base}/namespaces/{namespace}/${r.resource}/{name}`
      : `${base}/${r.resource}/{name}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    paths[path] = {
      get: {
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
      patch: {
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: [fieldValidation],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: `v${kubernetesVersion}` },
    paths,
    components: { schemas: {} },
    'x-sandbox-note': `${apiVersionOf({
      group,
      version,
    })}: operations only, no schemas`,
  };
}
