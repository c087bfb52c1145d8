import {
  ClientAssertionCredential,
  ClientSecretCredential,
} from '@azure/identity';
import { applySeed } from '../seed/applySeed';
import { BASELINE } from '../seed/baseline';
import { startTestIssuer, TestIssuer } from '../__testUtils__/testIssuer';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';
import { decodeJwt } from './jwt';

const CLIENT_ID = BASELINE.identity.clientId;
const SUBJECT = 'system:serviceaccount:orders:orders-api';

describe('Entra token endpoint', () => {
  let t: TestSandbox;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await startTestSandbox();
    issuer = await startTestIssuer(t.sandbox.tls);
    applySeed(t.sandbox.azure.twin.state, {
      resourceGroups: [{ name: 'rg-apps' }],
      identities: [
        {
          ...BASELINE.identity,
          federatedCredentials: [
            { name: 'orders-api', issuer: issuer.url, subject: SUBJECT },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await issuer.stop();
    await t.stop();
  });

  /** Posts a client-assertion grant like MSAL does and returns the raw answer. */
  const exchange = (
    assertion: string,
    clientId: string = CLIENT_ID,
    tenant: string = t.tenantId,
  ) =>
    request(
      t.url,
      t.caPem,
      'POST',
      `/${tenant}/oauth2/v2.0/token`,
      new URLSearchParams({
        client_id: clientId,
        scope: 'https://management.azure.com/.default',
        grant_type: 'client_credentials',
        client_assertion_type:
          'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        'x-client-SKU': 'msal.js.node',
      }).toString(),
      undefined,
      {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        'client-request-id': '1c2d3e4f-0000-0000-0000-000000000000',
      },
    );

  const expectAadsts = (
    res: { status: number; body: any },
    status: number,
    error: string,
    code: number,
    text: string,
  ) => {
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      error,
      error_codes: [code],
      correlation_id: '1c2d3e4f-0000-0000-0000-000000000000',
      error_uri: `${t.url}/error?code=${code}`,
    });
    expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(res.body.error_description).toContain(text);
    expect(res.body.error_description).toMatch(
      /Trace ID: \S+ Correlation ID: 1c2d3e4f-0000-0000-0000-000000000000 Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    expect(res.body.trace_id).toBeTruthy();
    expect(res.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  };

  it('serves OpenID discovery whose issuer shares the authority host', async () => {
    const res = await request(
      t.url,
      t.caPem,
      'GET',
      `/${t.tenantId}/v2.0/.well-known/openid-configuration`,
    );
    expect(res.body).toMatchObject({
      token_endpoint: `${t.url}/${t.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${t.url}/${t.tenantId}/oauth2/v2.0/authorize`,
      issuer: `${t.url}/${t.tenantId}/v2.0`,
      jwks_uri: `${t.url}/${t.tenantId}/discovery/v2.0/keys`,
    });
    const unknown = await request(
      t.url,
      t.caPem,
      'GET',
      '/00000000-dead-0000-0000-000000000000/v2.0/.well-known/openid-configuration',
    );
    expect(unknown.body.error_codes).toEqual([90002]);
  });

  it('issues tokens to ClientSecretCredential and refuses a wrong secret', async () => {
    const token = await t.credential.getToken(
      'https://management.azure.com/.default',
    );
    const claims = decodeJwt(token!.token).payload;
    expect(claims).toMatchObject({
      aud: 'https://management.azure.com',
      oid: t.sandbox.azure.twin.portal.objectId,
      tid: t.tenantId,
    });
    const wrong = new ClientSecretCredential(
      t.tenantId,
      t.sandbox.azure.twin.portal.clientId,
      'nope',
      {
        authorityHost: t.url,
        disableInstanceDiscovery: true,
        ...t.clientOptions,
      },
    );
    await expect(
      wrong.getToken('https://management.azure.com/.default'),
    ).rejects.toThrow(/AADSTS7000215/);
  });

  it('exchanges a correctly signed assertion through ClientAssertionCredential', async () => {
    const credential = new ClientAssertionCredential(
      t.tenantId,
      CLIENT_ID,
      async () => issuer.token(),
      {
        authorityHost: t.url,
        disableInstanceDiscovery: true,
        ...t.clientOptions,
      },
    );
    const token = await credential.getToken(
      'https://storage.azure.com/.default',
    );
    expect(decodeJwt(token!.token).payload).toMatchObject({
      aud: 'https://storage.azure.com',
      oid: BASELINE.identity.principalId,
      appid: CLIENT_ID,
    });
    expect((await exchange(issuer.token())).body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
    });
  });

  it('answers 700016 for an unknown client and 90002 for an unknown tenant', async () => {
    expectAadsts(
      await exchange(issuer.token(), '11111111-0000-0000-0000-000000000000'),
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '11111111-0000-0000-0000-000000000000' was not found in the directory '${t.tenantId}'.`,
    );
    expect(
      (
        await exchange(
          issuer.token(),
          CLIENT_ID,
          '00000000-dead-0000-0000-000000000000',
        )
      ).body.error_codes,
    ).toEqual([90002]);
  });

  it('knows a second tenant that holds none of its identities', async () => {
    const other = '72f988bf-0000-0000-0000-000000000002';
    const discovery = await request(
      t.url,
      t.caPem,
      'GET',
      `/${other}/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.body).toMatchObject({
      token_endpoint: `${t.url}/${other}/oauth2/v2.0/token`,
      issuer: `${t.url}/${other}/v2.0`,
    });
    // wi-orders exists, but in the home tenant: the other one answers as for a stranger.
    expectAadsts(
      await exchange(issuer.token(), CLIENT_ID, other),
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${CLIENT_ID}' was not found in the directory '${other}'.`,
    );
  });

  it('answers 700211, 700213, 7002138 and 700212 for issuer, subject and audience mismatches', async () => {
    const wrongIssuer = await exchange(
      issuer.token({ iss: 'https://kubernetes.default.svc.cluster.local' }),
    );
    // An issuer no FIC names is never fetched: the answer is about the issuer, not the signature.
    expect(wrongIssuer.body.error_codes).toEqual([700211]);
    expectAadsts(
      wrongIssuer,
      401,
      'invalid_client',
      700211,
      "presented assertion issuer 'https://kubernetes.default.svc.cluster.local'",
    );
    expectAadsts(
      await exchange(
        issuer.token({ sub: 'system:serviceaccount:orders:wrong-sa' }),
      ),
      401,
      'invalid_client',
      700213,
      "presented assertion subject 'system:serviceaccount:orders:wrong-sa'",
    );
    expectAadsts(
      await exchange(
        issuer.token({ sub: 'system:serviceaccount:Orders:orders-api' }),
      ),
      401,
      'invalid_client',
      7002138,
      'case-sensitive',
    );
    expectAadsts(
      await exchange(issuer.token({ aud: 'api://SomethingElse' })),
      401,
      'invalid_client',
      700212,
      "presented assertion audience 'api://SomethingElse'",
    );
  });

  it('answers 700024 for an expired assertion', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await exchange(
      issuer.token({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }),
    );
    expect(expired.body.error_description).toContain(
      `expiry time of assertion ${new Date((now - 3600) * 1000)
        .toISOString()
        .replace('.000Z', '.0000000Z')}`,
    );
    expectAadsts(
      expired,
      401,
      'invalid_client',
      700024,
      'Client assertion is not within its valid time range. Current time: ',
    );
  });

  it('verifies signatures for real: a rotated key or an unreachable issuer fails', async () => {
    const oldToken = issuer.token();
    issuer.rotate();
    expectAadsts(
      await exchange(oldToken),
      401,
      'invalid_client',
      700027,
      'signature validation',
    );
    expect((await exchange(issuer.token())).status).toBe(200);

    const other = await startTestIssuer(t.sandbox.tls, 'issuer');
    // Same path and claims, different key: the JWKS of the real issuer does not verify it.
    expect(
      (await exchange(other.token({ iss: issuer.url }))).body.error_codes,
    ).toEqual([700027]);
    await other.stop();
  });

  it('answers 70021 while a new FIC propagates, then honours it', async () => {
    const twin = t.sandbox.azure.twin;
    twin.context.realism.ficPropagationDelayMs = 250;
    try {
      const identity = twin.state.putManagedIdentity({
        subscriptionId: twin.subscriptionId,
        resourceGroup: 'rg-apps',
        name: 'wi-fresh',
      });
      twin.state.putFederatedCredential(identity, {
        name: 'fresh',
        issuer: issuer.url,
        subject: 'system:serviceaccount:orders:fresh',
        audiences: ['api://AzureADTokenExchange'],
      });
      const assertion = issuer.token({
        sub: 'system:serviceaccount:orders:fresh',
      });
      expectAadsts(
        await exchange(assertion, identity.clientId),
        400,
        'invalid_request',
        70021,
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer.url}'. Assertion Subject: 'system:serviceaccount:orders:fresh'. Assertion Audience: 'api://AzureADTokenExchange'.`,
      );
      await new Promise(r => setTimeout(r, 300));
      expect((await exchange(assertion, identity.clientId)).status).toBe(200);
    } finally {
      twin.context.realism.ficPropagationDelayMs = 0;
    }
  });

  it('answers 90061 when the issuer cannot be reached and 70025 when the identity has no FIC', async () => {
    const gone = await startTestIssuer(t.sandbox.tls, 'gone');
    const twin = t.sandbox.azure.twin;
    const identity = twin.state.putManagedIdentity({
      subscriptionId: twin.subscriptionId,
      resourceGroup: 'rg-apps',
      name: 'wi-gone',
    });
    twin.state.putFederatedCredential(identity, {
      name: 'gone',
      issuer: gone.url,
      subject: SUBJECT,
      audiences: ['api://AzureADTokenExchange'],
      updatedAt: 0,
    });
    const assertion = gone.token();
    await gone.stop();
    expectAadsts(
      await exchange(assertion, identity.clientId),
      400,
      'invalid_request',
      90061,
      'Request to External OIDC endpoint failed.',
    );
    const bare = twin.state.putManagedIdentity({
      subscriptionId: twin.subscriptionId,
      resourceGroup: 'rg-apps',
      name: 'wi-bare',
    });
    expect(
      (await exchange(issuer.token(), bare.clientId)).body.error_codes,
    ).toEqual([70025]);
  });
});
