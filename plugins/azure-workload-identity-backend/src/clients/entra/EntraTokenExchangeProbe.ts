import { CoreV1Api } from '@kubernetes/client-node';
import {
  TokenExchangeInput,
  TokenExchangeOutcome,
  TokenExchangeProbe,
} from '../ProvisioningClients';
import { isNotFound, upstreamError } from '../upstreamError';
import { postForm } from './postForm';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Does what a workload's SDK does: a token for the service account from the cluster
 * (TokenRequest, short-lived), presented to Entra ID as the client assertion of the identity.
 * The Kubernetes token never leaves this function: not in outcomes, errors or logs.
 */
export class EntraTokenExchangeProbe implements TokenExchangeProbe {
  constructor(
    private readonly options: {
      /** The reader's API per cluster; the reader may request tokens for the probe. */
      apiFor(cluster: string): CoreV1Api;
      authorityHost: string;
      /** Any resource the identity may ask a token for; the exchange is what is tested. */
      scope: string;
      /** A private CA for the authority host (the sandbox's); production trusts the system. */
      ca?: string;
    },
  ) {}

  async exchange(input: TokenExchangeInput): Promise<TokenExchangeOutcome> {
    let assertion: string;
    try {
      const answer = await this.options
        .apiFor(input.cluster)
        .createNamespacedServiceAccountToken({
          namespace: input.namespace,
          name: input.serviceAccountName,
          body: {
            apiVersion: 'authentication.k8s.io/v1',
            kind: 'TokenRequest',
            spec: { audiences: [input.audience], expirationSeconds: 600 },
          },
        });
      assertion = answer.status?.token ?? '';
    } catch (error) {
      if (isNotFound(error)) {
        return {
          ok: false,
          code: 'service-account-missing',
          message: `service account ${input.namespace}/${input.serviceAccountName} does not exist in cluster '${input.cluster}'`,
        };
      }
      throw upstreamError({
        upstream: `the Kubernetes API of cluster '${input.cluster}'`,
        reading: `a token for service account ${input.namespace}/${input.serviceAccountName}`,
        action: 'request',
        error,
      });
    }

    const { status, body } = await postForm({
      url: `${this.options.authorityHost.replace(/\/+$/, '')}/${
        input.tenantId
      }/oauth2/v2.0/token`,
      form: {
        grant_type: 'client_credentials',
        client_id: input.clientId,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: assertion,
        scope: this.options.scope,
      },
      ca: this.options.ca,
    });
    if (status === 200 && typeof body.access_token === 'string') {
      return { ok: true };
    }
    const description =
      typeof body.error_description === 'string'
        ? body.error_description
        : `HTTP ${status}`;
    const code =
      /AADSTS\d+/.exec(description)?.[0] ?? String(body.error ?? status);
    return {
      ok: false,
      code,
      // Entra's first line names the cause; the trace and correlation ids are noise here.
      message: description.split(/\r?\n/)[0].replace(assertion, '[token]'),
    };
  }
}
