import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;

/** Microsoft Graph's principal lookups, on the wire, with tokens from the twin's own endpoint. */
describe('the Microsoft Graph subset', () => {
  let t: TestSandbox;
  let token: string;
  const graph = (
    method: string,
    path: string,
    body?: unknown,
    bearer: string | undefined = token,
  ) => request(t.url, t.caPem, method, path, body, bearer);

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    // What MSAL asks for with the sandbox cloud's Graph resource `<url>/`: `<url>/.default`.
    token = (await t.credential.getToken(`${t.url}/.default`))!.token;
  });
  afterAll(() => t.stop());

  it("finds a managed identity's service principal by appId and by servicePrincipalNames", async () => {
    const { clientId, principalId } = BASELINE.identity;
    const byAppId = await graph(
      'GET',
      `/v1.0/servicePrincipals?$filter=appId eq '${clientId}'`,
    );
    expect(byAppId.status).toBe(200);
    expect(byAppId.body).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#servicePrincipals`,
      value: [
        expect.objectContaining({
          id: principalId,
          appId: clientId,
          displayName: 'wi-orders',
          servicePrincipalType: 'ManagedIdentity',
          servicePrincipalNames: [clientId],
          alternativeNames: [
            'isExplicit=True',
            `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`,
          ],
          accountEnabled: true,
          appOwnerOrganizationId: null,
        }),
      ],
    });
    // az's own clause (role module, _resolve_object_id_and_type), with a different case.
    const byName = await graph(
      'GET',
      `/v1.0/servicePrincipals?$filter=${encodeURIComponent(
        `servicePrincipalNames/any(c:c eq '${clientId.toUpperCase()}')`,
      )}`,
    );
    expect(byName.body.value.map((p: any) => p.id)).toEqual([principalId]);
    const none = await graph(
      'GET',
      "/v1.0/servicePrincipals?$filter=appId eq '00000000-0000-0000-0000-00000000dead'",
    );
    expect(none.body.value).toEqual([]);
  });

  it("serves the portal's application principal by id, by appId key and with $select", async () => {
    const { portal } = t.sandbox.azure.twin;
    const byId = await graph(
      'GET',
      `/v1.0/servicePrincipals/${portal.objectId}`,
    );
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      '@odata.context': `${t.url}/v1.0/$metadata#servicePrincipals/$entity`,
      id: portal.objectId,
      appId: portal.clientId,
      displayName: 'backstage-portal',
      appDisplayName: 'backstage-portal',
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: t.tenantId,
      signInAudience: 'AzureADMyOrg',
    });
    const byKey = await graph(
      'GET',
      `/beta/servicePrincipals(appId='${portal.clientId}')?$select=id,displayName`,
    );
    expect(byKey.body).toEqual({
      '@odata.context': `${t.url}/beta/$metadata#servicePrincipals/$entity`,
      id: portal.objectId,
      displayName: 'backstage-portal',
    });
    const missing = await graph(
      'GET',
      '/v1.0/servicePrincipals/00000000-0000-0000-0000-00000000dead',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message:
        "Resource '00000000-0000-0000-0000-00000000dead' does not exist or one of its queried reference-property objects are not present.",
    });
  });

  it('resolves ids with directoryObjects/getByIds, leaving out unknown ids and other types', async () => {
    t.sandbox.azure.twin.state.putPrincipal({
      objectId: 'aaaaaaaa-0000-0000-0000-0000000000a1',
      displayName: 'Olivia',
      kind: 'User',
    });
    const ids = [
      BASELINE.identity.principalId,
      'aaaaaaaa-0000-0000-0000-0000000000a1',
      '00000000-0000-0000-0000-00000000dead',
    ];
    const all = await graph('POST', '/v1.0/directoryObjects/getByIds', { ids });
    expect(all.status).toBe(200);
    expect(all.body['@odata.context']).toBe(
      `${t.url}/v1.0/$metadata#directoryObjects`,
    );
    expect(
      all.body.value.map((o: any) => [o['@odata.type'], o.id, o.displayName]),
    ).toEqual([
      ['#microsoft.graph.servicePrincipal', ids[0], 'wi-orders'],
      ['#microsoft.graph.user', ids[1], 'Olivia'],
    ]);
    const onlySps = await graph('POST', '/v1.0/directoryObjects/getByIds', {
      ids,
      types: ['servicePrincipal'],
    });
    expect(onlySps.body.value.map((o: any) => o.id)).toEqual([ids[0]]);
    const bad = await graph('POST', '/v1.0/directoryObjects/getByIds', {
      ids: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'ids'");
  });

  it('sees a new identity at once and pages with $top and @odata.nextLink', async () => {
    const msi = new ManagedServiceIdentityClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    const created = await msi.userAssignedIdentities.createOrUpdate(
      'rg-apps',
      'wi-graph-new',
      { location: 'eastus' },
    );
    const found = await graph(
      'GET',
      `/v1.0/servicePrincipals?$filter=appId eq '${created.clientId}'`,
    );
    expect(found.body.value.map((p: any) => p.id)).toEqual([
      created.principalId,
    ]);
    const first = await graph('GET', '/v1.0/servicePrincipals?$top=1');
    expect(first.body.value).toHaveLength(1);
    expect(first.body['@odata.nextLink']).toMatch(
      new RegExp(`^${t.url}/v1.0/servicePrincipals\\?\\$top=1&\\$skiptoken=1$`),
    );
    const second = await graph(
      'GET',
      first.body['@odata.nextLink'].slice(t.url.length),
    );
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
  });

  it('answers /me for an app-only token as Graph does', async () => {
    const me = await graph('GET', '/v1.0/me');
    expect(me.status).toBe(400);
    expect(me.body.error).toMatchObject({
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
      innerError: expect.objectContaining({ 'request-id': expect.any(String) }),
    });
  });

  it('takes a v1 token for the resource <url>/ and refuses other audiences and callers', async () => {
    const { twin } = t.sandbox.azure;
    const v1 = await request(
      t.url,
      t.caPem,
      'POST',
      `/${twin.tenantId}/oauth2/token`,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: twin.portal.clientId,
        client_secret: twin.portal.clientSecret,
        resource: `${t.url}/`,
      }).toString(),
      undefined,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(v1.status).toBe(200);
    const withV1 = await graph(
      'GET',
      `/v1.0/servicePrincipals/${twin.portal.objectId}`,
      undefined,
      v1.body.access_token,
    );
    expect(withV1.status).toBe(200);

    const arm = (await t.credential.getToken(
      'https://management.azure.com/.default',
    ))!.token;
    const wrongAudience = await graph(
      'GET',
      '/v1.0/servicePrincipals',
      undefined,
      arm,
    );
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body.error.code).toBe('InvalidAuthenticationToken');
    expect(wrongAudience.body.error.message).toContain('Invalid audience');
    const anonymous = await graph(
      'GET',
      '/v1.0/servicePrincipals',
      undefined,
      '',
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toBe('Access token is empty.');

    // A managed identity holds no Graph permission unless granted one.
    const asIdentity = twin.context.tokens.issue({
      resource: t.url,
      objectId: BASELINE.identity.principalId,
      appId: BASELINE.identity.clientId,
    }).token;
    const denied = await graph(
      'GET',
      '/v1.0/servicePrincipals',
      undefined,
      asIdentity,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
  });

  it('refuses filters and segments it does not serve, saying what it serves', async () => {
    const filter = await graph(
      'GET',
      "/v1.0/servicePrincipals?$filter=tags/any(t:t eq 'x')",
    );
    expect(filter.status).toBe(400);
    expect(filter.body.error.code).toBe('Request_UnsupportedQuery');
    expect(filter.body.error.message).toContain('appId eq');
    const segment = await graph('GET', '/v1.0/applications');
    expect(segment.status).toBe(400);
    expect(segment.body.error.message).toBe(
      "Resource not found for the segment 'applications'. The sandbox's Microsoft Graph serves servicePrincipals, directoryObjects and me.",
    );
    const write = await graph('POST', '/v1.0/servicePrincipals', {});
    expect(write.status).toBe(405);
  });
});
