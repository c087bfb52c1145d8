import { expect, request, test } from '@playwright/test';

const backend = 'http://localhost:7007';

test.beforeAll(async () => {
  // The app's dev server can answer before the backend has finished starting its plugins.
  const api = await request.newContext();
  await expect
    .poll(
      async () =>
        (
          await api
            .get(`${backend}/api/azure-workload-identity/health`)
            .catch(() => null)
        )?.status(),
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(200);
  await api.dispose();
});

test('a developer signs in as guest and sees the identity card of a demo component', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The catalog is the landing page and lists the demo world.
  await expect(page.getByRole('link', { name: 'orders-api' })).toBeVisible();
  await page.getByRole('link', { name: 'orders-api' }).click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/orders-api/);
  await expect(
    page.getByText('Azure workload identity', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Live inspection of the identity chain is not available yet.',
    ),
  ).toBeVisible();
  await expect(page.getByTestId('awi-workload')).toContainText(
    'backstage.io/kubernetes-id=orders-api in namespace orders',
  );

  await page.screenshot({
    path: 'test-results/screenshots/identity-card.png',
    fullPage: true,
  });
});

test('the request template is offered to the developer', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Navigate inside the app once signed in: a reload before the session is stored would land
  // on the sign-in page again.
  await page.getByRole('link', { name: 'Create' }).click();
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
