import { expect, request, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { signInAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const api = `${backend}/api/azure-workload-identity`;
const root = resolve(__dirname, '../..');

test.beforeAll(waitForBackend);

/** checkout-web's requests waiting for approval, as Pat reads them through the API. */
async function pendingOfCheckoutWeb() {
  const http = await request.newContext();
  const answer = await http.get(
    `${api}/requests?entityRef=component:default/checkout-web&status=pending-approval`,
    {
      headers: {
        Authorization: `Bearer ${await tokenOf(backend, 'pat', http)}`,
      },
    },
  );
  expect(answer.status()).toBe(200);
  const { items } = await answer.json();
  await http.dispose();
  return items as Array<{ id: string; requestedBy: string; cluster: string }>;
}

test("on a fresh start, Pat's approvals page holds checkout-web's request, filed by Olivia; filing it again adds nothing", async ({
  page,
}) => {
  // `npm start` files it through the portal's API once the portal answers.
  await expect
    .poll(async () => (await pendingOfCheckoutWeb()).length, {
      timeout: 120_000,
      intervals: [2_000],
    })
    .toBe(1);
  const [pending] = await pendingOfCheckoutWeb();
  expect(pending).toMatchObject({
    requestedBy: 'user:default/olivia-orders',
    cluster: 'aks-prod',
  });

  await signInAs(page, 'pat');
  await page.goto('/azure-workload-identity/approvals');
  const card = page.getByTestId(`awi-pending-${pending.id}`);
  await expect(card).toBeVisible();
  // The card names the component and where it runs; the badge says why it waits.
  const whole = page.locator('[class*="MuiCard-root"]').filter({ has: card });
  await expect(whole).toContainText('checkout-web');
  await expect(whole).toContainText('aks-prod');
  await expect(card.getByTestId('awi-risk-badges')).toContainText('Production');
  await expect(card).toContainText('Storage Blob Data Reader');
  await expect(
    card.getByRole('button', { name: 'Approve this plan' }),
  ).toBeVisible();

  // Filing it again answers the same open request: still one waits.
  const output = execFileSync(
    resolve(root, 'node_modules/.bin/tsx'),
    ['scripts/seed-demo-requests.ts'],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  expect(output).toContain(
    `component:default/checkout-web's request for Azure access by user:default/olivia-orders is pending-approval (request ${pending.id}).`,
  );
  expect((await pendingOfCheckoutWeb()).map(p => p.id)).toEqual([pending.id]);
});
