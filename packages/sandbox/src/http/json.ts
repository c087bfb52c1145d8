import { HttpError, HttpRequest, HttpResponse } from './types';

export function json(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): HttpResponse {
  return { status, body, headers };
}

export function empty(
  status: number,
  headers?: Record<string, string>,
): HttpResponse {
  return { status, headers };
}

/** Parses a JSON body; an empty body is `{}` (ARM clients send none on some PUTs). */
export function readJson<T = Record<string, unknown>>(
  req: HttpRequest,
  onInvalid?: (message: string) => HttpResponse,
): T {
  const text = req.body.toString('utf8').trim();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    const message = `The request content was invalid and could not be deserialized: '${
      (e as Error).message
    }'.`;
    throw new HttpError(
      onInvalid
        ? onInvalid(message)
        : json(400, { error: { code: 'InvalidRequestContent', message } }),
    );
  }
}

/** Parses an `application/x-www-form-urlencoded` body (OAuth token requests). */
export function readForm(req: HttpRequest): Record<string, string> {
  const params = new URLSearchParams(req.body.toString('utf8'));
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = v;
  return out;
}

/** The first value of a header, lower-case name. */
export function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
