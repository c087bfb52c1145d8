import { expect, Page, request, test } from '@playwright/test';
import { WorkloadIdentityCredential } from '@azure/identity';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { signInAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const template = parse(
  readFileSync(
    resolve(__dirname, '../../templates/request-azure-access/template.yaml'),
    'utf8',
  ),
);

const sandboxDir = resolve(__dirname, '../../.sandbox');
const shots = 'test-results/screenshots';

/** The twin's admin API, as `npm start` left it in `.sandbox/`. */
function sandbox() {
  const env = Object.fromEntries(
    readFileSync(resolve(sandboxDir, 'azure.env'), 'utf8')
      .split('\n')
      .filter(line => /^[A-Z_]+=/.test(line))
      .map(line => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
  );
  return {
    url: env.AZURE_RESOURCE_MANAGER_ENDPOINT,
    adminToken: readFileSync(resolve(sandboxDir, 'admin-token'), 'utf8').trim(),
    ca: readFileSync(resolve(sandboxDir, 'ca.pem'), 'utf8'),
  };
}

function kubectl(...args: string[]): string {
  return execFileSync(
    'kubectl',
    ['--kubeconfig', resolve(sandboxDir, 'kubeconfig'), ...args],
    { encoding: 'utf8' },
  );
}

/** Picks an option of a Material UI select by the select's label. */
async function choose(page: Page, label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.beforeAll(waitForBackend);

test('Olivia requests access for search-indexer from the template: the plan is shown, the run builds the chain, and its pod gets a token the data plane accepts', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, 'olivia');

  // From the component's page: its card links to the template with what the catalog knows.
  await page.goto('/catalog/default/component/search-indexer');
  await page.getByRole('button', { name: 'Request Azure access' }).click();
  await expect(
    page.getByRole('heading', { name: 'Request Azure access' }),
  ).toBeVisible();
  // The cluster brings its environment with it: shown, never asked for.
  await choose(page, /AKS cluster/, 'aks-dev — development');
  await expect(
    page.getByText(
      "The portal creates the service account on this cluster. The environment comes from the portal's configuration.",
    ),
  ).toBeVisible();
  await expect(page.getByTestId('awi-namespace-picker')).toHaveValue('search');
  await expect(page.getByLabel(/Service account/)).toHaveValue(
    'search-indexer',
  );
  await page.screenshot({ path: `${shots}/template-form.png`, fullPage: true });

  // A service account name Kubernetes would refuse is stopped with the rule in words.
  const accountField = page.getByLabel(/Service account/);
  await accountField.fill('Search_Indexer');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page
      .getByText(
        'use a Kubernetes name: lower-case letters, digits, hyphens and dots, starting and ending with a letter or digit (e.g. orders-api)',
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/must match pattern|\^\[a-z0-9\]/)).toHaveCount(
    0,
  );
  await accountField.fill('search-indexer');
  await page.getByRole('button', { name: 'Next' }).click();

  // A name the picker does not know is stopped by the field, which names it as the form does.
  await page.getByTestId('awi-resource-0').fill('nosuchaccount');
  await choose(page, /Intent/, 'read: read its data');
  await page
    .getByLabel(/Why the service needs this/)
    .fill('Reads the product feed it indexes.');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    // By the field (the form's summary at the top says it too, naming the field's title).
    page.getByText(/^Resource 1: use a full Azure resource id/),
  ).toBeVisible();
  await expect(page.getByText(/resources\[0\]/)).toHaveCount(0);
  await page.screenshot({
    path: `${shots}/template-bad-input.png`,
    fullPage: true,
  });

  // A name the picker lists is taken, and becomes that storage account's id.
  await page.getByTestId('awi-resource-0').fill('searchdata');
  await page.getByLabel(/Why the service needs this/).click();
  await expect(page.getByTestId('awi-resource-0')).toHaveValue(
    /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/rg-apps\/providers\/Microsoft\.Storage\/storageAccounts\/searchdata$/,
  );
  const resourceId = await page.getByTestId('awi-resource-0').inputValue();
  await page.getByRole('button', { name: 'Next' }).click();

  // The plan, before anything exists.
  const review = page.getByTestId('awi-plan-review');
  await expect(review).toContainText(
    'subject system:serviceaccount:search:search-indexer',
  );
  await expect(review).toContainText('audience api://AzureADTokenExchange');
  await expect(review).toContainText('Storage Blob Data Reader');
  await expect(page.getByTestId('awi-plan-approval')).toContainText(
    'No approval needed',
  );
  // A role the identity already holds is kept, not assigned anew (a sandbox left running).
  const roleIsNew = !(await review.textContent())?.includes('already holds');
  await page.screenshot({
    path: `${shots}/template-plan-review.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run follows the request until the chain is ready, then opens on what remains to do:
  // the chain is ready, the pods need the label (one command, for the workload the live chain
  // names), Azure may still apply the role.
  await expect(page.getByRole('heading', { name: 'Next step' })).toBeVisible({
    timeout: 120_000,
  });
  const nextStep = page.getByTestId('text-output-box');
  await expect(nextStep).toContainText(
    /The chain is ready: managed identity [\w-]+ trusts service account search\/search-indexer on aks-dev/,
  );
  await expect(nextStep).toContainText(
    'Pods of deployment/search-indexer run as service account search/search-indexer but do not carry the label azure.workload.identity/use: "true" yet',
  );
  await expect(nextStep.locator('code')).toContainText(
    'kubectl -n search patch deployment search-indexer --type merge',
  );
  // Azure may still be applying a role the run assigned; one it kept needs no wait.
  const roleWait =
    'Azure may take up to 10 minutes to apply a new role assignment';
  if (roleIsNew) await expect(nextStep).toContainText(roleWait);
  else await expect(nextStep).not.toContainText(roleWait);
  await expect(nextStep).not.toContainText('get their Azure token');
  await expect(
    page.getByRole('link', { name: 'Follow the request' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/template-run-finished.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByText('active', { exact: true })).toBeVisible();

  // In the cluster: the service account carries the new identity's client id.
  const serviceAccount = JSON.parse(
    kubectl(
      '--context',
      'aks-dev',
      '-n',
      'search',
      'get',
      'serviceaccount',
      'search-indexer',
      '-o',
      'json',
    ),
  );
  const clientId =
    serviceAccount.metadata.annotations['azure.workload.identity/client-id'];
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);

  // The team does what the output tells them: label the pods and let them restart.
  kubectl(
    '--context',
    'aks-dev',
    '-n',
    'search',
    'patch',
    'deployment',
    'search-indexer',
    '--type',
    'merge',
    '-p',
    '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}}}}}',
  );

  // A pod of search-indexer asks Entra for a token, and the storage data plane takes it.
  const twin = sandbox();
  const admin = await request.newContext({ ignoreHTTPSErrors: true });
  const workload = await admin.post(`${twin.url}/admin/demo/workload`, {
    headers: { Authorization: `Bearer ${twin.adminToken}` },
    data: {
      cluster: 'aks-dev',
      namespace: 'search',
      deployment: 'search-indexer',
    },
  });
  expect(workload.status(), await workload.text()).toBe(200);
  const pod = await workload.json();
  expect(pod.env.AZURE_CLIENT_ID).toBe(clientId);
  const token = await new WorkloadIdentityCredential(
    pod.credentialOptions,
  ).getToken('https://storage.azure.com/.default');
  const accountName = resourceId.split('/').pop();
  const listed = await admin.get(
    `${twin.url}/blob/${accountName}/search?restype=container&comp=list`,
    {
      headers: {
        Authorization: `Bearer ${token.token}`,
        'x-ms-version': '2023-11-03',
      },
    },
  );
  expect(listed.status(), await listed.text()).toBe(200);
  await admin.dispose();
});

/** What the form collects for search-indexer; `planHash` is what the review field holds. */
function searchIndexerValues(resourceId: string) {
  return {
    entityRef: 'component:default/search-indexer',
    cluster: 'aks-dev',
    namespace: 'search',
    serviceAccountName: 'search-indexer',
    resources: [{ resourceId, intent: 'read' }],
    justification: 'Reads the product feed it indexes.',
    planHash: 'as the review step showed it',
  };
}

const searchData =
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/searchdata';

test("the template editor's dry run shows the plan and creates no request", async () => {
  const api = await request.newContext();
  const headers = {
    Authorization: `Bearer ${await tokenOf(backend, 'olivia', api)}`,
  };
  const requestsOf = async () =>
    (
      await (
        await api.get(
          `${backend}/api/azure-workload-identity/requests?entityRef=component:default/search-indexer`,
          { headers },
        )
      ).json()
    ).items.length;
  const before = await requestsOf();

  // What the template editor sends when its "dry run" button is pressed.
  const dryRun = await api.post(`${backend}/api/scaffolder/v2/dry-run`, {
    headers,
    data: {
      template,
      values: searchIndexerValues(searchData),
      secrets: {},
      directoryContents: [],
    },
  });
  expect(dryRun.status(), await dryRun.text()).toBe(200);
  const result = await dryRun.json();
  const log = result.log.map((line: any) => line.body.message).join('\n');
  expect(log).toContain('in dry-run mode');
  expect(log).toMatch(
    /federated credential aks-dev-search-search-indexer for system:serviceaccount:search:search-indexer/,
  );
  expect(log).toMatch(/Storage Blob Data Reader on searchdata/);
  expect(log).toContain('No approval needed');
  expect(await requestsOf()).toBe(before);
  await api.dispose();
});

test('input the form would stop, sent straight to the action, fails the step with the same message and no stack', async () => {
  const api = await request.newContext();
  const headers = {
    Authorization: `Bearer ${await tokenOf(backend, 'olivia', api)}`,
  };
  const created = await api.post(`${backend}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/request-azure-access',
      values: searchIndexerValues('searchdata'),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  await expect
    .poll(
      async () =>
        (
          await (
            await api.get(`${backend}/api/scaffolder/v2/tasks/${id}`, {
              headers,
            })
          ).json()
        ).status,
      { timeout: 60_000 },
    )
    .toBe('failed');
  const events = await (
    await api.get(`${backend}/api/scaffolder/v2/tasks/${id}/events`, {
      headers,
    })
  ).json();
  const log = events.map((event: any) => event.body.message ?? '').join('\n');
  expect(log).toContain(
    'The request is not valid: Resource 1: use a full Azure resource id',
  );
  expect(log).not.toMatch(/\n\s+at /);
  await api.dispose();
});
