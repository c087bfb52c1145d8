import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import {
  request,
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const ISSUER =
  'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/';

describe('user-assigned identities and FICs through @azure/arm-msi', () => {
  let t: TestSandbox;
  let msi: ManagedServiceIdentityClient;

  beforeAll(async () => {
    t = await startTestSandbox({
      seed: { resourceGroups: [{ name: 'rg-apps' }, { name: 'rg-platform' }] },
      realism: { pageSize: 2 },
    });
    msi = new ManagedServiceIdentityClient(t.credential, t.subscriptionId, {
      endpoint: t.url,
      ...t.clientOptions,
    });
  });
  afterAll(() => t.stop());

  const fic = (subject: string) => ({
    issuer: ISSUER,
    subject,
    audiences: ['api://AzureADTokenExchange'],
  });

  it('creates, reads, updates, lists and deletes an identity with contract shapes', async () => {
    const created = await msi.userAssignedIdentities.createOrUpdate(
      'rg-apps',
      'wi-orders',
      { location: 'eastus', tags: { 'backstage.io/owner': 'team-a' } },
    );
    expect(created).toMatchObject({
      id: `/subscriptions/${t.subscriptionId}/resourcegroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders`,
      name: 'wi-orders',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      location: 'eastus',
      tenantId: t.tenantId,
      isolationScope: 'None',
    });
    expect(created.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.principalId).not.toBe(created.clientId);

    const again = await msi.userAssignedIdentities.createOrUpdate(
      'rg-apps',
      'wi-orders',
      { location: 'eastus', tags: { x: 'y' } },
    );
    expect(again.clientId).toBe(created.clientId);
    expect(
      (await msi.userAssignedIdentities.get('rg-apps', 'wi-orders')).tags,
    ).toEqual({ x: 'y' });

    for (const n of ['wi-a', 'wi-b'])
      await msi.userAssignedIdentities.createOrUpdate('rg-apps', n, {
        location: 'eastus',
      });
    const byRg: string[] = [];
    for await (const i of msi.userAssignedIdentities.listByResourceGroup(
      'rg-apps',
    ))
      byRg.push(i.name!);
    expect(byRg.sort()).toEqual(['wi-a', 'wi-b', 'wi-orders']);
    const bySub: string[] = [];
    for await (const i of msi.userAssignedIdentities.listBySubscription())
      bySub.push(i.name!);
    expect(bySub).toHaveLength(3);

    await msi.userAssignedIdentities.delete('rg-apps', 'wi-b');
    await expect(
      msi.userAssignedIdentities.get('rg-apps', 'wi-b'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('answers the raw status codes of the contracts (201/200, 200/204) and absolute nextLinks', async () => {
    const token = (await t.credential.getToken(`${t.url}/.default`))!.token;
    const base = `/subscriptions/${t.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
    expect(
      (
        await request(
          t.url,
          t.caPem,
          'PUT',
          `${base}/wi-raw?api-version=2024-11-30`,
          { location: 'eastus' },
          token,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await request(
          t.url,
          t.caPem,
          'PUT',
          `${base}/wi-raw?api-version=2024-11-30`,
          { location: 'eastus' },
          token,
        )
      ).status,
    ).toBe(200);
    // Any api-version is accepted and none is required.
    expect(
      (await request(t.url, t.caPem, 'GET', `${base}/wi-raw`, undefined, token))
        .status,
    ).toBe(200);
    const list = await request(
      t.url,
      t.caPem,
      'GET',
      `${base}?api-version=2024-11-30`,
      undefined,
      token,
    );
    expect(list.body.value).toHaveLength(2);
    expect(list.body.nextLink).toBe(
      `${t.url}${base}?api-version=2024-11-30&$skiptoken=2`,
    );
    expect(list.headers['x-ms-request-id']).toBeTruthy();
    expect(list.headers['x-ms-correlation-request-id']).toBeTruthy();
    expect(
      list.headers['x-ms-ratelimit-remaining-subscription-reads'],
    ).toBeTruthy();
    expect(
      (
        await request(
          t.url,
          t.caPem,
          'DELETE',
          `${base}/wi-raw?api-version=2024-11-30`,
          undefined,
          token,
        )
      ).status,
    ).toBe(200);
    const gone = await request(
      t.url,
      t.caPem,
      'DELETE',
      `${base}/wi-raw?api-version=2024-11-30`,
      undefined,
      token,
    );
    expect(gone.status).toBe(204);
    expect(
      gone.headers['x-ms-ratelimit-remaining-subscription-writes'],
    ).toBeTruthy();
  });

  it('gives ResourceGroupNotFound and ResourceNotFound with the contract messages', async () => {
    await expect(
      msi.userAssignedIdentities.createOrUpdate('rg-missing', 'wi-x', {
        location: 'eastus',
      }),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
      message: "Resource group 'rg-missing' could not be found.",
    });
    await expect(
      msi.userAssignedIdentities.get('rg-apps', 'wi-none'),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
      message:
        "The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/wi-none' under resource group 'rg-apps' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    });
  });

  it('creates, updates, gets, pages through and deletes FICs', async () => {
    await msi.userAssignedIdentities.createOrUpdate('rg-apps', 'wi-fic', {
      location: 'eastus',
    });
    const created = await msi.federatedIdentityCredentials.createOrUpdate(
      'rg-apps',
      'wi-fic',
      'orders-api',
      fic('system:serviceaccount:orders:orders-api'),
    );
    expect(created).toMatchObject({
      id: `/subscriptions/${t.subscriptionId}/resourcegroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-fic/federatedIdentityCredentials/orders-api`,
      name: 'orders-api',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      issuer: ISSUER,
      subject: 'system:serviceaccount:orders:orders-api',
      audiences: ['api://AzureADTokenExchange'],
    });
    const updated = await msi.federatedIdentityCredentials.createOrUpdate(
      'rg-apps',
      'wi-fic',
      'orders-api',
      fic('system:serviceaccount:orders:orders-v2'),
    );
    expect(updated.subject).toBe('system:serviceaccount:orders:orders-v2');
    for (const n of ['fic-b', 'fic-c', 'fic-d', 'fic-e']) {
      await msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-fic',
        n,
        fic(`system:serviceaccount:orders:${n}`),
      );
    }
    // Page size 2 on the twin, and $top=1: both paths must page past the first page.
    const names: string[] = [];
    for await (const f of msi.federatedIdentityCredentials.list(
      'rg-apps',
      'wi-fic',
    ))
      names.push(f.name!);
    expect(names).toEqual(['orders-api', 'fic-b', 'fic-c', 'fic-d', 'fic-e']);
    const pages: number[] = [];
    for await (const p of msi.federatedIdentityCredentials
      .list('rg-apps', 'wi-fic', { top: 1 })
      .byPage())
      pages.push(p.length);
    expect(pages).toEqual([1, 1, 1, 1, 1]);

    expect(
      (await msi.federatedIdentityCredentials.get('rg-apps', 'wi-fic', 'fic-b'))
        .subject,
    ).toBe('system:serviceaccount:orders:fic-b');
    await msi.federatedIdentityCredentials.delete('rg-apps', 'wi-fic', 'fic-b');
    await expect(
      msi.federatedIdentityCredentials.get('rg-apps', 'wi-fic', 'fic-b'),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses the 21st FIC, a duplicate issuer+subject and a bad name', async () => {
    await msi.userAssignedIdentities.createOrUpdate('rg-apps', 'wi-full', {
      location: 'eastus',
    });
    for (let i = 1; i <= 20; i++) {
      await msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-full',
        `fic-${i}`,
        fic(`system:serviceaccount:ns:sa-${i}`),
      );
    }
    await expect(
      msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-full',
        'fic-21',
        fic('system:serviceaccount:ns:sa-21'),
      ),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
      message:
        'SANDBOX CHOICE (real code unverified): a user-assigned managed identity can have at most 20 federated identity credentials.',
    });
    // Updating one of the 20 is still fine.
    await msi.federatedIdentityCredentials.createOrUpdate(
      'rg-apps',
      'wi-full',
      'fic-1',
      fic('system:serviceaccount:ns:sa-1b'),
    );
    await expect(
      msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-full',
        'fic-2',
        fic('system:serviceaccount:ns:sa-3'),
      ),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
      message:
        'Issuer and subject combination already exists for this Managed Identity.',
    });
    // arm-msi validates names client-side, so the server rule is checked over raw HTTP.
    const token = (await t.credential.getToken(`${t.url}/.default`))!.token;
    const bad = await request(
      t.url,
      t.caPem,
      'PUT',
      `/subscriptions/${t.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders/federatedIdentityCredentials/-bad?api-version=2024-11-30`,
      { properties: fic('system:serviceaccount:ns:x') },
      token,
    );
    expect(bad.status).toBe(400);
  });

  it('answers 409 to overlapping FIC writes on one identity, and accepts them one after another', async () => {
    t.sandbox.azure.twin.context.realism.ficWriteDurationMs = 150;
    try {
      await msi.userAssignedIdentities.createOrUpdate('rg-apps', 'wi-conc', {
        location: 'eastus',
      });
      const results = await Promise.allSettled([
        msi.federatedIdentityCredentials.createOrUpdate(
          'rg-apps',
          'wi-conc',
          'one',
          fic('system:serviceaccount:a:one'),
        ),
        msi.federatedIdentityCredentials.createOrUpdate(
          'rg-apps',
          'wi-conc',
          'two',
          fic('system:serviceaccount:a:two'),
        ),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({
        statusCode: 409,
        code: 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
        message: `Too many Federated Identity Credentials are written concurrently for the managed identity '/subscriptions/${t.subscriptionId}/resourcegroups/rg-apps/providers/microsoft.managedidentity/userassignedidentities/wi-conc'. Concurrent Federated Identity Credentials writes under the same managed identity are not supported.`,
      });
      await msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-conc',
        'three',
        fic('system:serviceaccount:a:three'),
      );
      await msi.federatedIdentityCredentials.createOrUpdate(
        'rg-apps',
        'wi-conc',
        'four',
        fic('system:serviceaccount:a:four'),
      );
    } finally {
      t.sandbox.azure.twin.context.realism.ficWriteDurationMs = 0;
    }
  });

  // The portal finds an identity by client id wherever it lives in the subscription
  // (spec example IdentityListBySubscription.json, api-version 2023-01-31: items carry tags).
  it('lists the identities of every resource group of the subscription, with their tags', async () => {
    const tags = {
      'backstage-entity-ref': 'component:default/payments-worker',
      'managed-by': 'backstage-azure-workload-identity',
    };
    const made = await msi.userAssignedIdentities.createOrUpdate(
      'rg-platform',
      'wi-payments',
      { location: 'eastus', tags },
    );
    const viaSdk = [];
    for await (const i of msi.userAssignedIdentities.listBySubscription())
      viaSdk.push(i);
    expect(new Set(viaSdk.map(i => i.id!.split('/')[4]))).toEqual(
      new Set(['rg-apps', 'rg-platform']),
    );
    expect(viaSdk.find(i => i.clientId === made.clientId)).toMatchObject({
      name: 'wi-payments',
      tags,
    });

    const token = (await t.credential.getToken(`${t.url}/.default`))!.token;
    const raw = [];
    const nextLinks: string[] = [];
    let next:
      | string
      | undefined = `/subscriptions/${t.subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2023-01-31`;
    while (next) {
      const response = await request(
        t.url,
        t.caPem,
        'GET',
        next,
        undefined,
        token,
      );
      expect(response.status).toBe(200);
      raw.push(...response.body.value);
      next = response.body.nextLink;
      if (next) nextLinks.push(next);
    }
    // Pages of 2: the next links keep the caller's api-version.
    expect(nextLinks.length).toBeGreaterThan(0);
    for (const link of nextLinks)
      expect(link).toContain('api-version=2023-01-31');
    expect(raw.map(i => i.id).sort()).toEqual(viaSdk.map(i => i.id).sort());
    expect(raw.find(i => i.name === 'wi-payments')).toMatchObject({
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      tags,
      properties: { clientId: made.clientId, principalId: made.principalId },
    });
  });
});
