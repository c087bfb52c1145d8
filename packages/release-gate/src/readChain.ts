import type { ChainView } from '@backstage-community/plugin-azure-workload-identity-common';
import { GateOptions } from './parseArgs';

/** The portal could not be asked, or refused: exit code 2, never a pass. */
export class GateRequestError extends Error {}

/** `GET /api/azure-workload-identity/chain/:kind/:namespace/:name` as the pipeline. */
export async function readChain(
  options: Pick<GateOptions, 'backendUrl' | 'token' | 'component' | 'refresh'>,
  fetchImpl: typeof fetch = fetch,
): Promise<ChainView> {
  const { kind, namespace, name } = options.component;
  const url = `${options.backendUrl}/api/azure-workload-identity/chain/${[
    kind,
    namespace,
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}${options.refresh ? '?refresh=true' : ''}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
      },
    });
  } catch (error) {
    throw new GateRequestError(
      `could not reach ${options.backendUrl}: ${(error as Error).message}`,
    );
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const said = body?.error?.message ? `: ${body.error.message}` : '';
    const hint =
      response.status === 401
        ? ' (is BACKSTAGE_TOKEN one of the backend.auth.externalAccess tokens?)'
        : '';
    throw new GateRequestError(
      `the portal answered HTTP ${response.status}${said}${hint}`,
    );
  }
  if (!body || !Array.isArray(body.findings) || !Array.isArray(body.bindings)) {
    throw new GateRequestError(
      `the portal's answer from ${url} is not a chain`,
    );
  }
  return body as ChainView;
}
