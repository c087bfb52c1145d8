import https from 'node:https';

/**
 * POSTs a form over HTTPS and answers status and parsed JSON. Node's https rather than fetch,
 * so a private CA (the sandbox's) can be trusted per call without touching the process.
 */
export function postForm(options: {
  url: string;
  form: Record<string, string>;
  ca?: string;
  timeoutMs?: number;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams(options.form).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      options.url,
      {
        method: 'POST',
        ca: options.ca,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            parsed = { error_description: text.slice(0, 300) };
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer from ${options.url} in time`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}
