import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Handler, HttpError, HttpRequest, HttpResponse } from './types';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface RunningServer {
  port: number;
  /** `https://localhost:<port>` — the name the certificate and clients use. */
  url: string;
  close(): Promise<void>;
}

export interface StartHttpsServerOptions {
  tls: { certPem: string; keyPem: string };
  handler: Handler;
  /** 0 picks a free port (what tests use). */
  port?: number;
  /** Defaults to loopback only: the twin is never meant to be reachable from elsewhere. */
  host?: string;
  /** Answer for requests no handler claims. */
  notFound?: (req: HttpRequest) => HttpResponse;
}

export async function startHttpsServer(
  options: StartHttpsServerOptions,
): Promise<RunningServer> {
  const server = https.createServer(
    { cert: options.tls.certPem, key: options.tls.keyPem },
    (req, res) => {
      void serve(req, res, options);
    },
  );
  // Keep-alive sockets would otherwise hold close() open until they idle out.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? 'localhost', () =>
      resolve(),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://localhost:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Collapses `//` (the ARM SDKs send them for scopes) and drops a trailing `/`. */
export function normalizePath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/')
    ? collapsed.slice(0, -1)
    : collapsed;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError({
        status: 413,
        body: {
          error: {
            code: 'RequestEntityTooLarge',
            message: 'Request body too large.',
          },
        },
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: StartHttpsServerOptions,
) {
  let response: HttpResponse;
  try {
    // Prefix a fixed origin instead of resolving against it: a path starting
    // with `//` (what the ARM SDKs send for scopes) would otherwise parse as a host.
    const url = new URL(
      `https://localhost${
        req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`
      }`,
    );
    const request: HttpRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      url,
      path: normalizePath(url.pathname),
      headers: req.headers,
      body: await readBody(req),
      remoteAddress: req.socket.remoteAddress ?? '',
      params: {},
    };
    response = (await options.handler(request)) ??
      options.notFound?.(request) ?? {
        status: 404,
        body: {
          error: {
            code: 'NotFound',
            message: `No route for ${request.method} ${request.path}`,
          },
        },
      };
  } catch (e) {
    response =
      e instanceof HttpError
        ? e.response
        : {
            status: 500,
            body: {
              error: {
                code: 'InternalServerError',
                message: (e as Error).message,
              },
            },
          };
  }
  write(res, response, req.method === 'HEAD');
}

function write(res: ServerResponse, response: HttpResponse, head: boolean) {
  if (response.destroy) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = { ...response.headers };
  let payload: Buffer | undefined;
  const { body } = response;
  if (body === undefined || body === null) {
    payload = undefined;
  } else if (Buffer.isBuffer(body)) {
    payload = body;
  } else if (typeof body === 'string') {
    payload = Buffer.from(body, 'utf8');
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(response.status, headers);
  res.end(head ? undefined : payload);
}
