import type { IncomingMessage, ServerResponse } from 'node:http';
import yaml from 'js-yaml';
import { badRequest, StatusError } from './status';

const MAX_BODY = 8 * 1024 * 1024;

/** Writes one answer: JSON, or plain text for a string body, with kube-apiserver's headers. */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type':
      typeof body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json',
    'cache-control': 'no-cache, private',
    'audit-id': globalThis.crypto.randomUUID(),
    ...headers,
  });
  res.end(text);
}

/**
 * Admission's warnings as kube-apiserver sends them: one `Warning: 299 - "<text>"` header
 * each, `"` and `\` escaped (k8s.io/apimachinery/pkg/util/net NewWarningHeader); kubectl
 * prints each as `Warning: <text>`. Control characters, which a header cannot carry,
 * become spaces; UTF-8 goes out as its bytes, which Node sends unchanged only from a
 * latin1 string.
 */
export function warningHeaders(
  warnings: readonly string[],
): Record<string, string[]> {
  if (warnings.length === 0) return {};
  const header = (text: string) => {
    const printable = [...text]
      .map(c => (c.charCodeAt(0) < 0x20 || c === '\x7f' ? ' ' : c))
      .join('');
    const quoted = `299 - "${printable.replace(/["\\]/g, c => `\\${c}`)}"`;
    return Buffer.from(quoted, 'utf8').toString('latin1');
  };
  return { warning: [...new Set(warnings)].map(header) };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new StatusError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request body as JSON, or YAML when the content type says so (apply patches). */
export function parseBody(body: Buffer, contentType: string | undefined): any {
  const text = body.toString('utf8');
  if (!text.trim()) throw badRequest('the request body is empty');
  try {
    return contentType?.includes('yaml') ? yaml.load(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the body of the request could not be decoded: ${(e as Error).message}`,
    );
  }
}

/** `kubectl get` asks for server-side tables (meta.k8s.io Table). */
export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}
