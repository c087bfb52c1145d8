import { expect, test } from '@playwright/test';
import { personas, signInAs, waitForBackend } from './signIn';

test.beforeAll(waitForBackend);

test('the sidebar names who is signed in, and signing out there offers the choice of people again', async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  const olivia = page.getByRole('link', {
    name: `Signed in as ${personas.olivia.title}`,
  });
  await expect(olivia).toBeVisible();
  await expect(olivia).toContainText(personas.olivia.title);
  await page.screenshot({
    path: 'test-results/screenshots/sidebar-signed-in.png',
  });
  // Their catalog page.
  await olivia.click();
  await expect(page).toHaveURL(/\/catalog\/default\/user\/olivia-orders$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(
    page.getByRole('button', { name: `Sign in as ${personas.pat.title}` }),
  ).toBeVisible();

  await signInAs(page, 'pat');
  await expect(
    page.getByRole('link', { name: `Signed in as ${personas.pat.title}` }),
  ).toContainText(personas.pat.title);
});
