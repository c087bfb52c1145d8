import type { IncomingHttpHeaders } from 'node:http';

/** A fully read request, so handlers are plain async functions that are easy to test. */
export interface HttpRequest {
  method: string;
  url: URL;
  /** The path with repeated slashes collapsed and no trailing slash (except `/`). */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
  /** Route parameters filled by the router. */
  params: Record<string, string>;
}

/**
 * What a handler answers. `body` may be JSON (any object), text or bytes.
 * `destroy` drops the connection without an answer, which is how a timeout
 * or a network failure looks to a client.
 */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
  destroy?: boolean;
}

/** Returns undefined when the request is not for this handler, so handlers chain. */
export type Handler = (req: HttpRequest) => Promise<HttpResponse | undefined>;

/** A failure that already knows the response it should become. */
export class HttpError extends Error {
  constructor(readonly response: HttpResponse, message?: string) {
    super(message ?? `HTTP ${response.status}`);
    this.name = 'HttpError';
  }
}
