import {
  APIRequestContext,
  Browser,
  expect,
  request,
  test,
} from '@playwright/test';
import { waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const api = `${backend}/api/azure-workload-identity`;
const shots = 'test-results/screenshots';

// Priya's team owns media-processor, whose demo pods lack the workload identity label.
const priya = { name: 'priya-payments', title: 'Priya (Team Payments)' };
const pat = { name: 'pat-platform', title: 'Pat (Platform team)' };

/** A Backstage token of a demo person, as the app itself holds it. */
async function tokenOf(http: APIRequestContext, persona: string) {
  const session = await http.get(`${backend}/api/auth/demoPersona/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-demo-persona': persona,
    },
  });
  expect(session.status(), await session.text()).toBe(200);
  return `Bearer ${(await session.json()).backstageIdentity.token}`;
}

/** A browser session of the person's own, signed in through the sign-in page. */
async function openAs(browser: Browser, who: { title: string }, path: string) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${who.title}` }).click();
  await expect(
    page.getByRole('link', { name: `Signed in as ${who.title}` }),
  ).toBeVisible();
  await page.goto(path);
  return { context, page };
}

/** The first day at midnight UTC some months ahead, and how the pages say it. */
function expiryAhead() {
  const end = new Date();
  end.setUTCHours(0, 0, 0, 0);
  end.setUTCDate(end.getUTCDate() + 120);
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(end);
  return { expiresAt: end.toISOString(), words: `Expires on ${day}` };
}

/** media-processor's storage account, as the request form lists it. */
async function mediaStorage(http: APIRequestContext, token: string) {
  const listed = await http.get(`${api}/catalog/resources`, {
    headers: { Authorization: token },
  });
  expect(listed.status(), await listed.text()).toBe(200);
  const account = (await listed.json()).resources.find(
    (r: { name: string; type: string }) =>
      r.type === 'Microsoft.Storage/storageAccounts' &&
      r.name.includes('media'),
  );
  expect(account, 'the demo has a storage account for media').toBeTruthy();
  return account.id as string;
}

test.beforeAll(waitForBackend);

test('an active request whose pods lack the label says first what remains to do, when it expires, and who did what, by name', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const http = await request.newContext();
  const priyaToken = await tokenOf(http, priya.name);
  const serviceAccountName = `media-e2e-${Date.now().toString(36)}`;
  const expiry = expiryAhead();

  const created = await http.post(`${api}/requests`, {
    headers: { Authorization: priyaToken },
    data: {
      entityRef: 'component:default/media-processor',
      cluster: 'aks-dev',
      namespace: 'media',
      serviceAccountName,
      justification: 'Reads the images it resizes.',
      expiresAt: expiry.expiresAt,
      resources: [
        { resourceId: await mediaStorage(http, priyaToken), intent: 'read' },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const asked = (await created.json()).request;
  if (asked.status === 'pending-approval') {
    const approved = await http.post(`${api}/requests/${asked.id}/approve`, {
      headers: { Authorization: await tokenOf(http, pat.name) },
      data: { planHash: asked.planHash },
    });
    expect(approved.status(), await approved.text()).toBe(200);
  }
  await expect
    .poll(
      async () =>
        (
          await (
            await http.get(`${api}/requests/${asked.id}`, {
              headers: { Authorization: priyaToken },
            })
          ).json()
        ).request.status,
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe('active');
  const done = (
    await (
      await http.get(`${api}/requests/${asked.id}`, {
        headers: { Authorization: priyaToken },
      })
    ).json()
  ).request;

  const { context, page } = await openAs(
    browser,
    priya,
    `/azure-workload-identity/requests/${asked.id}`,
  );

  // First on the page: what is true, and what remains for the team.
  const next = page.getByTestId('awi-next-step');
  await expect(next).toContainText(
    `trusts service account media/${serviceAccountName} on aks-dev, and a token exchange for it was accepted.`,
  );
  await expect(next).toContainText(/^The chain is ready: managed identity /);
  // The live chain names the workload and what is wrong with its pods.
  await expect(page.getByTestId('awi-next-step-pods')).toContainText(
    new RegExp(
      `^Pods of deployment/media-processor run as service account media/[\\w-]+, not media/${serviceAccountName}, and do not carry the label azure\\.workload\\.identity/use: "true"\\.`,
    ),
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('awi-next-step-command')).toContainText(
    `kubectl -n media patch deployment media-processor --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"${serviceAccountName}"}}}}'`,
  );
  // Said while Azure may still be applying a role this request created, and only then.
  const madeRoles = done.plan.steps.some(
    (step: { kind: string; action?: string }) =>
      step.kind === 'ensure-role-assignment' && step.action === 'create',
  );
  const roles = page.getByTestId('awi-next-step-roles');
  if (madeRoles) {
    await expect(roles).toContainText(
      'Azure may take up to 10 minutes to apply a new role assignment',
    );
  } else {
    await expect(roles).toHaveCount(0);
  }
  await expect(page.locator('body')).not.toContainText('get their Azure token');
  const nextBox = await next.boundingBox();
  const cardBox = await page.getByTestId('awi-request-title').boundingBox();
  expect(nextBox!.y).toBeLessThan(cardBox!.y);

  // The request in people's words: the component by name, its end date, the requester by
  // her display name.
  await expect(page.getByTestId('awi-request-title')).toHaveText(
    'media-processor — active',
  );
  await expect(page.getByTestId('awi-request-expiry')).toHaveText(expiry.words);
  await expect(page.getByTestId('awi-request-subheader')).toContainText(
    `media/${serviceAccountName} on aks-dev, requested by ${priya.title}`,
  );

  // The timeline: people by name, the portal's own work as "the portal", steps by title.
  const timeline = page.getByTestId('awi-timeline');
  await expect(timeline).toContainText(`${priya.title}: Requested;`);
  await expect(timeline).toContainText('the portal: Provisioning started.');
  await expect(timeline).toContainText(
    /the portal: Managed identity [\w-]+: done\./,
  );
  await expect(timeline).toContainText(
    /the portal: Role Storage Blob Data Reader on \w*media\w*: done\./,
  );
  await expect(timeline).toContainText(
    `the portal: Token exchange check for media/${serviceAccountName}: done.`,
  );
  await expect(timeline).toContainText(
    'the portal: Active: the chain is ready.',
  );
  await expect(timeline).not.toContainText(
    /ensure-|role-assignment-\d|user:default\//,
  );
  await page.screenshot({
    path: `${shots}/request-next-step.png`,
    fullPage: true,
  });

  await context.close();
  await http.dispose();
});

test('the approvals page names the component and the requester, and says when the access would end', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const http = await request.newContext();
  const priyaToken = await tokenOf(http, priya.name);
  const suffix = Date.now().toString(36);
  const expiry = expiryAhead();
  const storage = await mediaStorage(http, priyaToken);

  // Contributor is a privileged role: a person of the platform team must decide.
  const ask = async (serviceAccountName: string, expiresAt?: string) => {
    const created = await http.post(`${api}/requests`, {
      headers: { Authorization: priyaToken },
      data: {
        entityRef: 'component:default/media-processor',
        cluster: 'aks-dev',
        namespace: 'media',
        serviceAccountName,
        justification: 'Rotates the account keys once.',
        ...(expiresAt ? { expiresAt } : {}),
        resources: [
          { resourceId: storage, role: 'Contributor', allowPrivileged: true },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { request: asked } = await created.json();
    expect(asked.status).toBe('pending-approval');
    return asked.id as string;
  };
  const ending = await ask(`media-keys-${suffix}`, expiry.expiresAt);
  const open = await ask(`media-keys-open-${suffix}`);

  const { context, page } = await openAs(
    browser,
    pat,
    '/azure-workload-identity/approvals',
  );
  const card = page.getByTestId(`awi-pending-${ending}`);
  await expect(card.getByTestId('awi-request-expiry')).toHaveText(expiry.words);
  await expect(
    page.getByTestId(`awi-pending-${open}`).getByTestId('awi-request-expiry'),
  ).toHaveText('No expiry');
  const title = page
    .getByTestId('awi-pending-title')
    .filter({ hasText: `media-keys-${suffix}` });
  await expect(title).toHaveText(
    `media-processor — media/media-keys-${suffix} on aks-dev`,
  );
  await expect(
    title.getByRole('link', { name: 'media-processor' }),
  ).toHaveAttribute('href', /\/catalog\/default\/component\/media-processor$/);
  await expect(
    page.getByText(`Requested by ${priya.title}`).first(),
  ).toBeVisible();
  await expect(title).not.toContainText('component:default/');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${shots}/approvals-expiry.png`,
    fullPage: true,
  });

  // Leave the approvals page as it was for the other tests.
  for (const id of [ending, open]) {
    const rejected = await http.post(`${api}/requests/${id}/reject`, {
      headers: { Authorization: await tokenOf(http, pat.name) },
      data: { reason: 'Only a check of the approvals page.' },
    });
    expect(rejected.status(), await rejected.text()).toBe(200);
  }
  await context.close();
  await http.dispose();
});
