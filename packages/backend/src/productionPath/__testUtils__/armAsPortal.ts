import { promises as fs } from 'node:fs';
import https from 'node:https';
import { SandboxProcess } from './startSandboxProcess';

/**
 * Calls the sandbox's Azure Resource Manager as the portal's principal, as `az rest` would:
 * a client-credentials token from its Entra ID, then the ARM call, trusting the sandbox CA.
 */
export async function armAsPortal(
  sandbox: SandboxProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const env = sandbox.azureEnv;
  const ca = await fs.readFile(env.NODE_EXTRA_CA_CERTS, 'utf8');
  const arm = env.AZURE_RESOURCE_MANAGER_ENDPOINT.replace(/\/+$/, '');
  const token = await call({
    url: `${env.AZURE_AUTHORITY_HOST.replace(/\/+$/, '')}/${
      env.AZURE_TENANT_ID
    }/oauth2/v2.0/token`,
    method: 'POST',
    ca,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.AZURE_CLIENT_ID,
      client_secret: env.AZURE_CLIENT_SECRET,
      scope: `${arm}/.default`,
    }).toString(),
  });
  return call({
    url: `${arm}${path}`,
    method,
    ca,
    contentType: 'application/json',
    authorization: `Bearer ${token.access_token}`,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function call(options: {
  url: string;
  method: string;
  ca: string;
  contentType: string;
  authorization?: string;
  body?: string;
}): Promise<any> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      options.url,
      {
        method: options.method,
        ca: options.ca,
        headers: {
          'content-type': options.contentType,
          ...(options.authorization
            ? { authorization: options.authorization }
            : {}),
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 300) {
            reject(
              new Error(
                `${options.method} ${options.url}: ${response.statusCode} ${text}`,
              ),
            );
            return;
          }
          resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
