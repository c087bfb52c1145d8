import { expect, request, test } from '@playwright/test';
import { signInAs, tokenOf, waitForBackend } from './signIn';

const backend = 'http://localhost:7007';
const api = `${backend}/api/azure-workload-identity`;

test.beforeAll(waitForBackend);

test('a link to a request that does not exist says so, whether the id is unknown or malformed', async ({
  page,
}) => {
  // A well-formed id no request has (made long before the portal ran), and an id that is no
  // request id at all, such as an old link cut short.
  const unknown = '0190f5e2-7b1c-7c3d-8e4f-0123456789ab';
  const malformed = 'req-856c3557';
  const http = await request.newContext();
  const headers = {
    Authorization: `Bearer ${await tokenOf(backend, 'olivia', http)}`,
  };
  expect(
    (await http.get(`${api}/requests/${unknown}`, { headers })).status(),
  ).toBe(404);
  expect(
    (await http.get(`${api}/requests/${malformed}`, { headers })).status(),
  ).toBe(400);
  await http.dispose();

  await signInAs(page, 'olivia');
  await page.goto(`/azure-workload-identity/requests/${unknown}`);
  const problem = page.getByTestId('awi-request-read-problem');
  await expect(problem).toContainText('This request does not exist');
  await expect(problem).toContainText(
    `No request for Azure access has the id ${unknown}. Check the link you followed`,
  );
  await expect(page.getByText('Could not read the request')).toHaveCount(0);
  await page.screenshot({
    path: 'test-results/screenshots/request-not-found.png',
    fullPage: true,
  });

  await page.goto(`/azure-workload-identity/requests/${malformed}`);
  await expect(problem).toContainText('This request does not exist');
  await expect(problem).toContainText(
    `“${malformed}” is not a request id: request ids look like 0190f5e2-7b1c-7c3d-8e4f-0123456789ab.`,
  );
});
