import { Browser, expect, Page, request } from '@playwright/test';

/** The demo's people, as the sign-in page names them (app-config.yaml, demoPersona). */
export const personas = {
  olivia: { name: 'olivia-orders', title: 'Olivia (Team Orders)' },
  pat: { name: 'pat-platform', title: 'Pat (Platform team)' },
} as const;

export type PersonaKey = keyof typeof personas;

/** Signs in through the sign-in page, as a person of the demo would. */
export async function signInAs(
  page: Page,
  who: PersonaKey,
  options: { screenshot?: string } = {},
) {
  await page.goto('/');
  if (options.screenshot) {
    await page
      .getByRole('button', { name: `Sign in as ${personas[who].title}` })
      .waitFor();
    await page.screenshot({ path: options.screenshot, fullPage: true });
  }
  await page
    .getByRole('button', { name: `Sign in as ${personas[who].title}` })
    .click();
  // The catalog is the landing page; its first demo component shows the app is signed in.
  await expect(page.getByRole('link', { name: 'orders-api' })).toBeVisible();
}

/** A browser session of its own for the persona, signed in and opened at `path`. */
export async function openAs(browser: Browser, who: PersonaKey, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, who);
  await page.goto(path);
  return { context, page };
}

/** A Backstage token of the persona, as the app itself holds it, for API calls in a test. */
export async function tokenOf(
  backend: string,
  who: PersonaKey,
  api: { get: Function },
): Promise<string> {
  const session = await api.get(`${backend}/api/auth/demoPersona/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-demo-persona': personas[who].name,
    },
  });
  return (await session.json()).backstageIdentity.token as string;
}

/**
 * The app's dev server can answer before the backend has finished starting its plugins, and
 * a persona signs in only once the catalog has read the demo's users.
 */
export async function waitForBackend() {
  const api = await request.newContext();
  const statusOf = (url: string, headers: Record<string, string> = {}) =>
    expect.poll(
      async () => (await api.get(url, { headers }).catch(() => null))?.status(),
      { timeout: 120_000, intervals: [1_000] },
    );
  await statusOf(
    'http://localhost:7007/api/azure-workload-identity/health',
  ).toBe(200);
  for (const persona of Object.values(personas)) {
    await statusOf('http://localhost:7007/api/auth/demoPersona/refresh', {
      'X-Requested-With': 'XMLHttpRequest',
      'x-demo-persona': persona.name,
    }).toBe(200);
  }
  await api.dispose();
}
