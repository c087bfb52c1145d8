import { expect, test } from '@playwright/test';
import { signInAs, waitForBackend } from './signIn';

test.beforeAll(waitForBackend);

test('the platform team sees which components hold which roles, filtered to a cluster', async ({
  page,
}) => {
  await signInAs(page, 'pat');
  await page.goto('/azure-workload-identity/inventory');
  await expect(
    page.getByRole('heading', { name: 'Azure access inventory' }),
  ).toBeVisible();

  // The fleet scan reads every component shortly after start; until then they are named.
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByText(/role assignments$/).waitFor();
        return page.getByTestId('awi-not-scanned').count();
      },
      { timeout: 90_000, intervals: [5_000] },
    )
    .toBe(0);

  const table = page.getByRole('table');
  await expect(table).toContainText('component:default/payments-worker');
  await expect(table).toContainText('Azure Service Bus Data Sender');

  // Only aks-dev: its components, each with the worst finding of its chain.
  await page.locator('#awi-inventory-filter-cluster').click();
  await page.getByRole('option', { name: 'aks-dev', exact: true }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(table).not.toContainText('component:default/payments-worker');
  await expect(table).toContainText('component:default/reporting-job');
  await expect(table).toContainText('fic-issuer-stale');
  await expect(table).toContainText('component:default/notification-service');
  await expect(table).toContainText('sa-client-id-is-principal-id');
  await page.screenshot({
    path: 'test-results/screenshots/inventory-aks-dev.png',
    fullPage: true,
  });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk.toString();
  expect(text.split('\r\n')[0]).toMatch(/^component,owner,cluster,/);
  expect(text).toContain('component:default/reporting-job');
  expect(text).not.toContain('component:default/payments-worker');
});

test("the platform team sees what the portal's own identity may do", async ({
  page,
}) => {
  await signInAs(page, 'pat');
  await page.goto('/azure-workload-identity/inventory');
  const panel = page.getByTestId('awi-self-check');
  await expect(panel).toContainText("The portal's permissions");
  // The embedded default grants the portal everything it needs, on both clusters.
  await expect(page.getByTestId('awi-ready-Inspection')).toHaveText(
    /Inspection: ready/,
  );
  await expect(page.getByTestId('awi-ready-Provisioning')).toHaveText(
    /Provisioning: ready/,
  );
  await expect(panel).toContainText('Every right the portal needs is granted');
  await page.screenshot({
    path: 'test-results/screenshots/inventory-self-check.png',
  });
});

test("a developer's inventory page leaves the portal's permissions out", async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  await page.goto('/azure-workload-identity/inventory');
  await expect(
    page.getByRole('heading', { name: 'Azure access inventory' }),
  ).toBeVisible();
  await page.getByText(/role assignments$/).waitFor();
  await expect(page.getByTestId('awi-self-check')).toHaveCount(0);
});
