import { header, HttpRequest, HttpResponse, json } from '../../http';

/**
 * ARM's cloud metadata, `GET {arm}/metadata/endpoints?api-version=…`, asked without a token:
 * `az cloud register --endpoint-resource-manager <arm>` alone fills the login endpoint, the
 * token audience and the graph endpoint from it (msrestazure's
 * `_populate_from_metadata_endpoint`, api-version 2015-01-01). The REST specs do not describe
 * this endpoint; the shapes are the ones the clients read:
 * - before 2019-05-01: one object with `galleryEndpoint`, `graphEndpoint`, `portalEndpoint`
 *   and `authentication` (msrestazure/azure_cloud.py);
 * - 2019-05-01 up to 2022-09-01: a list of clouds (az reads it from ARM_CLOUD_METADATA_URL
 *   in azure/cli/core/cloud.py `get_known_clouds` → `_arm_to_cli_mapper`);
 * - 2022-09-01 and later: the one cloud of this ARM endpoint, an object in that same shape
 *   (hashicorp/go-azure-sdk's environments client decodes it as one object; newer az moved
 *   `az cloud register` to it in Azure/azure-cli#30682).
 * Every endpoint is the twin: it is the ARM endpoint, the authority, and Graph.
 */
export function isCloudMetadataPath(path: string): boolean {
  return path.toLowerCase() === '/metadata/endpoints';
}

export function cloudMetadata(req: HttpRequest): HttpResponse {
  if (req.method !== 'GET') {
    return json(405, {
      error: {
        code: 'MethodNotAllowed',
        message: `The metadata endpoint answers GET only, not ${req.method}.`,
      },
    });
  }
  const origin = `https://${header(req, 'host') ?? 'localhost'}`;
  const version = req.url.searchParams.get('api-version') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$|^1\.0$/.test(version)) {
    return json(400, {
      error: {
        code: 'InvalidApiVersionParameter',
        message: `The api-version '${version}' is invalid. Use 2015-01-01, 2019-05-01 or 2022-09-01.`,
      },
    });
  }
  const audiences = [
    `${origin}/`,
    'https://management.core.windows.net/',
    'https://management.azure.com/',
  ];
  if (version === '1.0' || version < '2019-05-01') {
    return json(200, {
      galleryEndpoint: `${origin}/`,
      graphEndpoint: `${origin}/`,
      portalEndpoint: `${origin}/`,
      authentication: { loginEndpoint: `${origin}/`, audiences },
    });
  }
  const cloud = {
    name: 'Sandbox',
    portal: origin,
    authentication: {
      loginEndpoint: origin,
      audiences,
      tenant: 'common',
      identityProvider: 'AAD',
    },
    graphAudience: `${origin}/`,
    graph: `${origin}/`,
    resourceManager: `${origin}/`,
    microsoftGraphResourceId: `${origin}/`,
    suffixes: sandboxSuffixes(origin),
  };
  return json(200, version < '2022-09-01' ? [cloud] : cloud);
}

/**
 * The DNS suffixes of the services the twin serves at a host of their own: Key Vault only,
 * each vault at `https://<vault>.vault.localhost:<port>` (dataplane/vaultHosts.ts). Named as
 * ARM names them, without the leading dot (Azure's own metadata has `"keyVaultDns":
 * "vault.azure.net"`, as Add-AzEnvironment's help quotes it; azure-cli's `_arm_to_cli_mapper`
 * in azure/cli/core/cloud.py reads that key and adds the dot), so a cloud
 * built from this metadata alone can address vaults by name (`az keyvault ... --vault-name`),
 * which az refuses while the suffix is unset. Storage is path-style on the twin's one host
 * (`/blob/{account}/…`), so it has no suffix to give: az's storage data-plane commands build
 * `{account}.blob.<suffix>` hosts the twin does not serve.
 */
function sandboxSuffixes(origin: string): Record<string, string> {
  const port = new URL(origin).port;
  return { keyVaultDns: `vault.localhost${port ? `:${port}` : ''}` };
}
