import { expect, Page, request, test } from '@playwright/test';
import { signInAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const api = `${backend}/api/azure-workload-identity`;

test.beforeAll(waitForBackend);

/** The table's title, "N of M role assignments", as numbers. */
async function counted(page: Page) {
  const title = await page
    .getByText(/^\d+ of \d+ role assignments$/)
    .innerText();
  const [shown, total] = title.match(/\d+/g)!.map(Number);
  return { shown, total };
}

/** The rows of the table a person sees (a table with no rows shows one saying so). */
function visibleRows(page: Page) {
  return page
    .getByRole('table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('link') });
}

test('the platform team sees which components hold which roles, filtered to a cluster and searched; the count, the address and the CSV follow what is shown', async ({
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
  // Components by name, each a link to its catalog page (one row per role it holds).
  await expect(
    table.getByRole('link', { name: 'payments-worker', exact: true }).first(),
  ).toHaveAttribute('href', '/catalog/default/component/payments-worker');
  await expect(table).toContainText('Azure Service Bus Data Sender');
  const everything = await counted(page);
  expect(everything.shown).toBe(everything.total);

  // Only aks-dev: its components, each with the worst finding of its chain.
  await page.locator('#awi-inventory-filter-cluster').click();
  await page.getByRole('option', { name: 'aks-dev', exact: true }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(table).not.toContainText('payments-worker');
  await expect(table).toContainText('reporting-job');
  await expect(table).toContainText('fic-issuer-stale');
  await expect(table).toContainText('notification-service');
  await expect(table).toContainText('sa-client-id-is-principal-id');
  const aksDev = await counted(page);
  expect(aksDev.total).toBe(everything.total);
  expect(aksDev.shown).toBeLessThan(aksDev.total);
  expect(await visibleRows(page).count()).toBe(aksDev.shown);
  await expect(page).toHaveURL(/[?&]cluster=aks-dev(&|$)/);
  // The menu fades out after it is gone from the accessibility tree.
  await expect(page.locator('[class*="MuiPopover-root"]')).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/screenshots/inventory-aks-dev.png',
    fullPage: true,
  });

  // A reload shows the same rows: the filter is read back from the address.
  await page.reload();
  await expect(page.getByText(/role assignments$/)).toBeVisible();
  await expect(page.locator('#awi-inventory-filter-cluster')).toHaveText(
    'aks-dev',
  );
  await expect(table).not.toContainText('payments-worker');
  expect(await counted(page)).toEqual(aksDev);

  // The CSV holds exactly the rows shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk.toString();
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^component,owner,cluster,/);
  expect(lines).toHaveLength(aksDev.shown + 1);
  for (const line of lines.slice(1)) expect(line.split(',')[2]).toBe('aks-dev');
  expect(text).toContain('component:default/reporting-job');
  expect(text).not.toContain('component:default/payments-worker');

  // A search narrows it further; the count says so, and the address keeps it too.
  await page.getByLabel('Search').fill('reporting');
  await expect(table).not.toContainText('notification-service');
  await expect(table).toContainText('reporting-job');
  const searched = await counted(page);
  expect(searched.shown).toBeGreaterThan(0);
  expect(searched.shown).toBeLessThan(aksDev.shown);
  expect(await visibleRows(page).count()).toBe(searched.shown);
  await expect(page).toHaveURL(/[?&]q=reporting(&|$)/);

  // A component's name leads to its catalog page.
  await table
    .getByRole('link', { name: 'reporting-job', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/reporting-job$/);
});

test('a role a request granted links to that request', async ({ page }) => {
  test.setTimeout(240_000);
  // Olivia asks again for what orders-api already holds, on its own identity: every step adopts
  // what exists, so the demo's healthy chain stays as it is and the role now has a request.
  const http = await request.newContext();
  const olivia = {
    Authorization: `Bearer ${await tokenOf(backend, 'olivia', http)}`,
  };
  const pat = {
    Authorization: `Bearer ${await tokenOf(backend, 'pat', http)}`,
  };
  const chain = await (
    await http.get(`${api}/chain/component/default/orders-api`, {
      headers: olivia,
    })
  ).json();
  const binding = chain.bindings.find(
    (b: { cluster: string }) => b.cluster === 'aks-prod',
  );
  const ordersdata =
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';
  const created = await http.post(`${api}/requests`, {
    headers: olivia,
    data: {
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      identity: { resourceId: binding.identity.id },
      resources: [{ resourceId: ordersdata, role: 'Storage Blob Data Reader' }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const asked = (await created.json()).request;
  // aks-prod is production: Pat approves it.
  expect(asked.status).toBe('pending-approval');
  const approved = await http.post(`${api}/requests/${asked.id}/approve`, {
    headers: pat,
    data: {
      planHash: asked.planHash,
      comment: 'Records the access orders-api already has.',
    },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  await expect
    .poll(
      async () =>
        (
          await (
            await http.get(`${api}/requests/${asked.id}`, { headers: olivia })
          ).json()
        ).request.status,
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe('active');
  await http.dispose();

  await signInAs(page, 'pat');
  await page.goto(
    '/azure-workload-identity/inventory?cluster=aks-prod&q=orders-api',
  );
  const rows = page.getByRole('table').locator('tbody tr');
  const reader = rows.filter({ hasText: 'Storage Blob Data Reader' }).filter({
    hasText: 'orders/orders-api',
  });
  const link = reader.getByRole('link', { name: 'Request by olivia-orders' });
  await expect(link).toBeVisible();
  // The vault role came with the demo, not from this request: no link.
  await expect(
    rows
      .filter({ hasText: 'Key Vault Secrets User' })
      .filter({ hasText: 'orders/orders-api' })
      .getByRole('link', { name: /Request by/ }),
  ).toHaveCount(0);
  await link.click();
  await expect(page).toHaveURL(`/azure-workload-identity/requests/${asked.id}`);
  await expect(page.getByTestId('awi-timeline')).toContainText(
    'Records the access orders-api already has.',
  );
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

test("a developer's inventory page neither shows nor asks for the portal's permissions", async ({
  page,
}) => {
  const asked: string[] = [];
  const refusals: string[] = [];
  page.on('request', r => {
    if (r.url().includes('/self-check')) asked.push(r.url());
  });
  page.on('console', message => {
    if (message.type() === 'error' && /403|Forbidden/.test(message.text())) {
      refusals.push(message.text());
    }
  });
  await signInAs(page, 'olivia');
  await page.goto('/azure-workload-identity/inventory');
  await expect(
    page.getByRole('heading', { name: 'Azure access inventory' }),
  ).toBeVisible();
  await expect(page.getByText(/\d+ of \d+ role assignments$/)).toBeVisible();
  await expect(page.getByTestId('awi-self-check')).toHaveCount(0);
  await expect(page.getByText("The portal's permissions")).toHaveCount(0);
  expect(asked).toEqual([]);
  expect(refusals).toEqual([]);
});
