import { expect, request, test } from '@playwright/test';
import { signInAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';

test.beforeAll(waitForBackend);

test('a developer signs in and sees the identity card of a demo component', async ({
  page,
}) => {
  // The catalog is the landing page and lists the demo world.
  await signInAs(page, 'olivia', {
    screenshot: 'test-results/screenshots/sign-in.png',
  });
  await page.getByRole('link', { name: 'orders-api' }).click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/orders-api/);
  // The overview sums the access up; the whole chain is on the "Azure access" tab.
  await expect(page.getByTestId('awi-summary-headline')).toBeVisible({
    timeout: 60_000,
  });
  await page.getByRole('link', { name: 'See the whole chain' }).click();
  await expect(
    page.getByText('Azure workload identity', { exact: true }),
  ).toBeVisible();
  // The chain is read live from the sandbox, link by link.
  await expect(page.getByTestId('awi-chain-summary')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('awi-link-identity')).toContainText(
    'wi-orders',
  );

  await page.screenshot({
    path: 'test-results/screenshots/identity-card.png',
    fullPage: true,
  });
});

test('the request template is offered to the developer', async ({ page }) => {
  await signInAs(page, 'olivia');
  // Navigate inside the app once signed in: a reload before the session is stored would land
  // on the sign-in page again.
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Create' })
    .click();
  await expect(page).toHaveURL(/\/create/);
  await expect(page.getByText('Request Azure access')).toBeVisible();
});

test('the plugin health route answers without credentials', async () => {
  const api = await request.newContext();
  const response = await api.get(
    `${backend}/api/azure-workload-identity/health`,
  );
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
  await api.dispose();
});

test('the card shows the component’s requests: one provisioned, one waiting for approval', async ({
  page,
}) => {
  // Olivia of Team Orders owns orders-api; her token is what the app itself would send.
  const api = await request.newContext();
  const token = await tokenOf(backend, 'olivia', api);
  const headers = { Authorization: `Bearer ${token}` };
  const container =
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata/blobServices/default/containers/orders';
  const suffix = Date.now().toString(36);
  // aks-prod is production in the portal's configuration: both wait for the platform team.
  const ask = (serviceAccountName: string) =>
    api.post(`${backend}/api/azure-workload-identity/requests`, {
      headers,
      data: {
        entityRef: 'component:default/orders-api',
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName,
        resources: [{ resourceId: container, intent: 'read' }],
      },
    });
  const approved = await ask(`orders-e2e-${suffix}`);
  expect(approved.status(), await approved.text()).toBe(201);
  const pending = await ask(`orders-e2e-prod-${suffix}`);
  expect(pending.status()).toBe(201);
  const { id: stagingId, planHash } = (await approved.json()).request;
  // Pat approves the first; the second stays waiting.
  const approval = await api.post(
    `${backend}/api/azure-workload-identity/requests/${stagingId}/approve`,
    {
      headers: {
        Authorization: `Bearer ${await tokenOf(backend, 'pat', api)}`,
      },
      data: { planHash },
    },
  );
  expect(approval.status(), await approval.text()).toBe(200);

  // Provisioning waits out the sandbox's replication delays: a few seconds.
  await expect
    .poll(
      async () =>
        (
          await (
            await api.get(
              `${backend}/api/azure-workload-identity/requests/${stagingId}`,
              { headers },
            )
          ).json()
        ).request.status,
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe('active');
  await api.dispose();

  await signInAs(page, 'olivia');
  await page.getByRole('link', { name: 'orders-api' }).click();
  await page.getByRole('link', { name: 'See the whole chain' }).click();
  await expect(
    page.getByTestId('awi-request-active').filter({ hasText: suffix }),
  ).toContainText('Active: the chain is ready.');
  await expect(
    page
      .getByTestId('awi-request-pending-approval')
      .filter({ hasText: suffix }),
  ).toContainText('Waiting for the platform team to approve.');

  await page.screenshot({
    path: 'test-results/screenshots/identity-card-requests.png',
    fullPage: true,
  });
});

test('the requester sees on the approvals page that someone else must approve', async ({
  page,
}) => {
  // The previous test left a production request of Olivia's waiting for approval.
  await signInAs(page, 'olivia');
  await page.goto('/azure-workload-identity/approvals');
  await expect(
    page.getByRole('heading', { name: 'Azure access approvals' }),
  ).toBeVisible();
  await expect(page.getByTestId('awi-cannot-decide').first()).toHaveText(
    'You requested this; another member of the platform team must approve it.',
  );
  await expect(
    page.getByRole('button', { name: 'Approve this plan' }),
  ).toHaveCount(0);
  // The requester's own requests are listed below, with where each stands.
  await expect(page.getByTestId('awi-request-active').first()).toContainText(
    'Active: the chain is ready.',
  );
  await page.screenshot({
    path: 'test-results/screenshots/approvals-requester.png',
    fullPage: true,
  });
});

test('a request’s page tells its whole story', async ({ page }) => {
  await signInAs(page, 'olivia');
  await page.getByRole('link', { name: 'orders-api' }).click();
  await page.getByRole('link', { name: 'See the whole chain' }).click();
  // The request the card test provisioned.
  await page
    .getByTestId('awi-request-active')
    .first()
    .getByRole('link', { name: /on aks-prod/ })
    .click();
  await expect(page).toHaveURL(/\/azure-workload-identity\/requests\//);
  const timeline = page.getByTestId('awi-timeline');
  await expect(timeline).toContainText('Provisioning started.');
  await expect(timeline).toContainText(/Managed identity [\w-]+: done\./);
  await expect(timeline).toContainText('Active: the chain is ready.');
  await page.screenshot({
    path: 'test-results/screenshots/request-timeline.png',
    fullPage: true,
  });
});
