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
    // The data plane is path-style on the twin's own host: no DNS suffixes apply.
    suffixes: {},
  };
  return json(200, version < '2022-09-01' ? [cloud] : cloud);
}
