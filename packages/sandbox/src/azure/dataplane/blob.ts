import { createHash, randomUUID } from 'node:crypto';
import { createRouter, header, HttpRequest, HttpResponse } from '../../http';
import { TwinContext } from '../context';
import {
  authorizeDataAction,
  DataplaneDecision,
  findByName,
} from './dataplaneAuth';

const BLOB_ACTION =
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';

/** Storage answers errors in XML with a request id and time in the message. */
function storageError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): HttpResponse {
  const requestId = randomUUID();
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`;
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-ms-request-id': requestId,
      'x-ms-error-code': code,
      ...extra,
    },
    body: xml,
  };
}

export function denied(
  decision: Exclude<DataplaneDecision, { kind: 'ok' }>,
  origin: string,
  tenantId: string,
): HttpResponse {
  switch (decision.kind) {
    case 'unauthenticated':
      return storageError(
        401,
        'InvalidAuthenticationInfo',
        `Server failed to authenticate the request. ${decision.detail}`,
        {
          'www-authenticate': `Bearer authorization_uri=${origin}/${tenantId}/oauth2/authorize resource_id=https://storage.azure.com`,
        },
      );
    case 'network':
      return storageError(
        403,
        'AuthorizationFailure',
        'This request is not authorized to perform this operation.',
      );
    default:
      return storageError(
        403,
        'AuthorizationPermissionMismatch',
        'This request is not authorized to perform this operation using this permission.',
      );
  }
}

/**
 * Blob read, write, delete and list on `/blob/{account}/{container}/{blob}`
 * (path style, like Azurite). Authorised with a bearer token for
 * https://storage.azure.com and the caller's data roles.
 */
export function createBlobRoutes(ctx: TwinContext) {
  const router = createRouter();

  const locate = (req: HttpRequest) => {
    const account = findByName(
      ctx,
      'Microsoft.Storage/storageAccounts',
      req.params.account,
    );
    if (!account)
      return {
        error: storageError(
          404,
          'ResourceNotFound',
          `The storage account '${req.params.account}' does not exist.`,
        ),
      };
    const containerId = `${account.id}/blobServices/default/containers/${req.params.container}`;
    return {
      account,
      containerId,
      container: ctx.state.getResource(containerId),
    };
  };

  const guard = (req: HttpRequest, op: 'read' | 'write' | 'delete') => {
    const found = locate(req);
    if ('error' in found) return { response: found.error };
    const decision = authorizeDataAction({
      ctx,
      req,
      service: 'storage',
      resource: found.account,
      action: `${BLOB_ACTION}/${op}`,
      scope: found.containerId,
    });
    if (decision.kind !== 'ok')
      return {
        response: denied(
          decision,
          `https://${header(req, 'host')}`,
          ctx.state.tenantId,
        ),
      };
    if (!found.container)
      return {
        response: storageError(
          404,
          'ContainerNotFound',
          'The specified container does not exist.',
        ),
      };
    return { containerId: found.containerId };
  };

  router.get('/blob/:account/:container', req => {
    if (req.url.searchParams.get('comp') !== 'list') return undefined;
    const g = guard(req, 'read');
    if (g.response) return g.response;
    const blobs = ctx.state.listBlobs(g.containerId!);
    const items = blobs
      .map(
        ([name, b]) =>
          `<Blob><Name>${escapeXml(name)}</Name><Properties><Content-Length>${
            Buffer.from(b.contentBase64, 'base64').length
          }</Content-Length><Content-Type>${escapeXml(
            b.contentType,
          )}</Content-Type><Etag>${b.etag}</Etag><Last-Modified>${new Date(
            b.lastModified,
          ).toUTCString()}</Last-Modified><BlobType>BlockBlob</BlobType></Properties></Blob>`,
      )
      .join('');
    return {
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="${escapeXml(
        req.params.container,
      )}"><Blobs>${items}</Blobs><NextMarker /></EnumerationResults>`,
    };
  });

  router.get('/blob/:account/:container/*', req => {
    const g = guard(req, 'read');
    if (g.response) return g.response;
    const blob = ctx.state.getBlob(g.containerId!, req.params['*']);
    if (!blob)
      return storageError(
        404,
        'BlobNotFound',
        'The specified blob does not exist.',
      );
    return {
      status: 200,
      headers: {
        'content-type': blob.contentType,
        etag: blob.etag,
        'last-modified': new Date(blob.lastModified).toUTCString(),
        'x-ms-blob-type': 'BlockBlob',
      },
      body: Buffer.from(blob.contentBase64, 'base64'),
    };
  });

  router.put('/blob/:account/:container/*', req => {
    const g = guard(req, 'write');
    if (g.response) return g.response;
    const etag = `"0x${createHash('sha1')
      .update(req.body)
      .digest('hex')
      .slice(0, 15)
      .toUpperCase()}"`;
    ctx.state.putBlob(g.containerId!, req.params['*'], {
      contentBase64: req.body.toString('base64'),
      contentType:
        header(req, 'x-ms-blob-content-type') ??
        header(req, 'content-type') ??
        'application/octet-stream',
      lastModified: ctx.now(),
      etag,
    });
    return {
      status: 201,
      headers: { etag, 'last-modified': new Date(ctx.now()).toUTCString() },
    };
  });

  router.delete('/blob/:account/:container/*', req => {
    const g = guard(req, 'delete');
    if (g.response) return g.response;
    if (!ctx.state.deleteBlob(g.containerId!, req.params['*']))
      return storageError(
        404,
        'BlobNotFound',
        'The specified blob does not exist.',
      );
    return { status: 202 };
  });

  return router.handler;
}

function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    c =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[
        c
      ]!),
  );
}
