import { APIRequestContext, expect, request, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const storageAccount =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

/** The sandbox's Azure settings, as `npm start` wrote them. */
function sandboxEnv(): Record<string, string> {
  const text = readFileSync(
    resolve(__dirname, '../../.sandbox/azure.env'),
    'utf8',
  );
  return Object.fromEntries(
    text
      .split('\n')
      .filter(line => /^[A-Z_]+=/.test(line))
      .map(line => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
  );
}

/** Role assignments of a principal, read straight from the Azure twin's ARM API. */
async function roleAssignmentsOf(principalId: string) {
  const env = sandboxEnv();
  // The twin's certificate is issued by the sandbox's own CA.
  const arm: APIRequestContext = await request.newContext({
    ignoreHTTPSErrors: true,
  });
  const token = await arm.post(
    `${env.AZURE_AUTHORITY_HOST}/${env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
    {
      form: {
        grant_type: 'client_credentials',
        client_id: env.AZURE_CLIENT_ID,
        client_secret: env.AZURE_CLIENT_SECRET,
        scope: 'https://management.azure.com/.default',
      },
    },
  );
  expect(token.status()).toBe(200);
  const listed = await arm.get(
    `${env.AZURE_RESOURCE_MANAGER_ENDPOINT}/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleAssignments`,
    {
      params: {
        'api-version': '2022-04-01',
        $filter: `principalId eq '${principalId}'`,
      },
      headers: { Authorization: `Bearer ${(await token.json()).access_token}` },
    },
  );
  expect(listed.status()).toBe(200);
  const body = await listed.json();
  await arm.dispose();
  return body.value as Array<{
    properties: { scope: string; roleDefinitionId: string };
  }>;
}

test.beforeAll(waitForBackend);

test('a privileged request waits for the platform team; Pat approves it, the chain is built, Olivia is told and later revokes it', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const api = await request.newContext();
  const suffix = Date.now().toString(36);
  const serviceAccountName = `orders-admin-${suffix}`;

  // Olivia asks for Contributor on the orders storage account: a privileged role, so a person
  // must decide. (The request template sends the same body.)
  const created = await api.post(
    `${backend}/api/azure-workload-identity/requests`,
    {
      headers: {
        Authorization: `Bearer ${await tokenOf(backend, 'olivia', api)}`,
      },
      data: {
        entityRef: 'component:default/orders-api',
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName,
        justification: 'Rotates the account keys during the migration.',
        resources: [
          {
            resourceId: storageAccount,
            role: 'Contributor',
            allowPrivileged: true,
          },
        ],
      },
    },
  );
  expect(created.status(), await created.text()).toBe(201);
  const { request: asked } = await created.json();
  expect(asked.status).toBe('pending-approval');

  // Olivia sees her request pending, and that she may not approve it herself.
  const { context: oliviaContext, page: olivia } = await openAs(
    browser,
    'olivia',
    '/azure-workload-identity/approvals',
  );
  const herCard = olivia.getByTestId(`awi-pending-${asked.id}`);
  await expect(herCard.getByTestId('awi-cannot-decide')).toHaveText(
    'You requested this; another member of the platform team must approve it.',
  );
  await expect(
    herCard.getByRole('button', { name: 'Approve this plan' }),
  ).toHaveCount(0);

  // Pat of the platform team sees the risk and approves exactly this plan.
  const { context: patContext, page: pat } = await openAs(
    browser,
    'pat',
    '/azure-workload-identity/approvals',
  );
  const patCard = pat.getByTestId(`awi-pending-${asked.id}`);
  await expect(patCard.getByTestId('awi-risk-badges')).toContainText(
    'Wildcard (*) actions',
  );
  await expect(patCard.getByTestId('awi-risk-badges')).toContainText(
    'Production',
  );
  await expect(patCard).toContainText(
    'Contributor allows every action (*) at its scope',
  );
  await expect(patCard).toContainText(
    "Environment: production (from the cluster's configuration)",
  );
  await patCard
    .getByLabel('Comment (optional)')
    .fill('Approved for the key rotation; revoke after the migration.');
  await pat.screenshot({
    path: 'test-results/screenshots/approvals-approver.png',
    fullPage: true,
  });
  await patCard.getByRole('button', { name: 'Approve this plan' }).click();
  await expect(patCard).toHaveCount(0);

  // The provisioner builds the chain; the request's page tells the story to the end.
  await pat.goto(`/azure-workload-identity/requests/${asked.id}`);
  const timeline = pat.getByTestId('awi-timeline');
  await expect(timeline).toContainText('Approved', { timeout: 30_000 });
  await expect(timeline).toContainText('Active: the chain is ready.', {
    timeout: 120_000,
  });
  await pat.reload();
  // After the reload, the page again before the picture, not a blank one.
  await expect(pat.getByTestId('awi-timeline')).toContainText(
    'Active: the chain is ready.',
  );
  await pat.screenshot({
    path: 'test-results/screenshots/request-approved-timeline.png',
    fullPage: true,
  });

  // In the twin: the component's identity now holds Contributor on the storage account.
  const read = await api.get(
    `${backend}/api/azure-workload-identity/requests/${asked.id}`,
    {
      headers: {
        Authorization: `Bearer ${await tokenOf(backend, 'olivia', api)}`,
      },
    },
  );
  const { request: done } = await read.json();
  expect(done.status).toBe('active');
  const principalId = done.events
    .map((event: any) => event.detail?.principalId)
    .find(Boolean);
  expect(principalId).toBeTruthy();
  const contributor = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
  const grants = (await roleAssignmentsOf(principalId)).map(
    a =>
      `${a.properties.roleDefinitionId
        .split('/')
        .pop()} on ${a.properties.scope.toLowerCase()}`,
  );
  expect(grants).toContain(`${contributor} on ${storageAccount.toLowerCase()}`);

  // Olivia is told. The request keeps one notification, updated at each turn (approved, then
  // ready), so her inbox holds where it stands now, linking to its page.
  await olivia.goto('/notifications');
  const notice = olivia
    .getByRole('row')
    .filter({ hasText: serviceAccountName });
  await expect(notice).toContainText(
    'Ready: Azure access for orders-api',
  );
  await expect(notice.getByRole('link').first()).toHaveAttribute(
    'href',
    new RegExp(`/azure-workload-identity/requests/${asked.id}$`),
  );
  await olivia.screenshot({
    path: 'test-results/screenshots/requester-notified.png',
    fullPage: true,
  });

  // The migration is over: Olivia gives the access back from the request's page.
  await olivia.goto(`/azure-workload-identity/requests/${asked.id}`);
  await olivia.getByRole('button', { name: 'Revoke this access' }).click();
  await olivia.getByLabel('Why (optional)').fill('Key rotation done.');
  await olivia.getByRole('button', { name: 'Revoke now' }).click();
  const hers = olivia.getByTestId('awi-timeline');
  await expect(hers).toContainText('Revoking: Key rotation done.', {
    timeout: 30_000,
  });
  await expect(hers).toContainText('Revoked; the identity was kept.', {
    timeout: 60_000,
  });
  await expect(
    olivia.getByRole('button', { name: 'Revoke this access' }),
  ).toHaveCount(0);
  await olivia.screenshot({
    path: 'test-results/screenshots/request-revoked.png',
    fullPage: true,
  });
  const left = (await roleAssignmentsOf(principalId)).map(a =>
    a.properties.scope.toLowerCase(),
  );
  expect(left).not.toContain(storageAccount.toLowerCase());

  await oliviaContext.close();
  await patContext.close();
  await api.dispose();
});
