import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { signInAs, waitForBackend } from './signIn';

const shots = 'test-results/screenshots';
const LINKS = [
  'cluster',
  'webhook',
  'pod',
  'serviceaccount',
  'federation',
  'identity',
  'roleassignment',
  'resource',
  'token',
];

test.beforeAll(waitForBackend);

/** The component's "Azure access" tab, where the whole chain is drawn. */
async function openComponent(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}/azure-access`);
  await expect(page.getByTestId('awi-chain-summary')).toBeVisible({
    timeout: 60_000,
  });
}

test('a healthy component: every link of its chain is OK, but the one with nothing on it', async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  await openComponent(page, 'payments-worker');
  await expect(page.getByTestId('awi-chain-summary')).toHaveText(
    'The chain works: payments-worker gets its Azure token.',
  );
  for (const link of LINKS.filter(l => l !== 'resource')) {
    await expect(page.getByTestId(`awi-link-${link}`)).toHaveAttribute(
      'data-state',
      'ok',
    );
  }
  // No request or annotation names its resources: not "OK", and the card says why.
  const resource = page.getByTestId('awi-link-resource');
  await expect(resource).toHaveAttribute('data-state', 'none');
  await expect(resource).toContainText('None named');
  await expect(page.getByTestId('awi-link-identity')).toContainText(
    'wi-payments',
  );
  await expect(page.getByTestId('awi-access-held')).toContainText(
    'Sends messages in sb-payments',
  );
  await page.screenshot({ path: `${shots}/chain-healthy.png`, fullPage: true });
});

for (const broken of [
  {
    component: 'invoice-renderer',
    link: 'federation',
    ruleId: 'fic-subject-namespace-mismatch',
    expected: 'system:serviceaccount:invoices:invoice-renderer',
    found: 'system:serviceaccount:invoice:invoice-renderer',
    fix: 'az identity federated-credential update --name invoice-renderer --identity-name wi-invoices',
  },
  {
    component: 'reporting-job',
    link: 'federation',
    ruleId: 'fic-issuer-stale',
    expected: 'issuer=https://localhost:6440/',
    found: "(this cluster's issuer until it was rebuilt)",
    fix: 'az identity federated-credential update --name reporting-job --identity-name wi-reporting',
  },
  {
    component: 'secrets-rotator',
    link: 'resource',
    ruleId: 'kv-access-policy-mode-no-policy',
    expected: '',
    found: '',
    fix: 'kv-security',
    // The platform's alternative is words beside the command, never in its copy box.
    note: "The platform's alternative is to turn on Azure RBAC for the vault",
  },
]) {
  test(`a broken component (${broken.component}): the ${broken.link} link is broken, with expected beside found and the fix`, async ({
    page,
  }) => {
    await signInAs(page, 'olivia');
    await openComponent(page, broken.component);
    await expect(page.getByTestId('awi-chain-summary')).toHaveAttribute(
      'data-state',
      'broken',
    );
    const link = page.getByTestId(`awi-link-${broken.link}`);
    await expect(link).toHaveAttribute('data-state', 'broken');
    const finding = link.getByTestId(`awi-finding-${broken.ruleId}`);
    await expect(finding).toContainText(`Expected${broken.expected}`);
    await expect(finding).toContainText(broken.found);
    await expect(finding.getByTestId('awi-fix')).toContainText(broken.fix);
    if (broken.note) {
      await expect(finding.getByTestId('awi-fix-note')).toContainText(
        broken.note,
      );
      await expect(finding.getByTestId('awi-fix')).not.toContainText(
        broken.note,
      );
    }
    await expect(
      finding.getByRole('button', { name: 'Copy the fix' }),
    ).toBeVisible();
    // Links before the break are fine.
    await expect(page.getByTestId('awi-link-cluster')).toHaveAttribute(
      'data-state',
      'ok',
    );
    await page.screenshot({
      path: `${shots}/chain-broken-${broken.component}.png`,
      fullPage: true,
    });
  });
}

test('a private vault the pods cannot resolve (ledger-service): the resource link needs attention, with the DNS link to add', async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  await openComponent(page, 'ledger-service');
  const resource = page.getByTestId('awi-link-resource');
  await expect(resource).toHaveAttribute('data-state', 'degraded');
  const finding = resource.getByTestId(
    'awi-finding-resource-private-endpoint-unusable',
  );
  await expect(finding).toContainText(
    'kv-ledger is private, and its private endpoint is not resolvable from the cluster (DNS zone not linked).',
  );
  await expect(finding).toContainText(
    'zone privatelink.vaultcore.azure.net not linked to vnet-aks-prod',
  );
  await expect(finding.getByTestId('awi-fix')).toContainText(
    'az network private-dns link vnet create -g rg-aks --subscription 00000000-0000-0000-0000-000000000001 --zone-name privatelink.vaultcore.azure.net',
  );
  await page.screenshot({
    path: `${shots}/chain-private-dns-ledger-service.png`,
    fullPage: true,
  });
});

test("fixing media-processor with the card's own command and pressing refresh turns its card healthy", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'olivia');
  await openComponent(page, 'media-processor');
  const pod = page.getByTestId('awi-link-pod');
  await expect(pod).toHaveAttribute('data-state', 'broken');
  const fix = await pod
    .getByTestId('awi-finding-pod-label-missing')
    .getByTestId('awi-fix')
    .innerText();
  expect(fix).toMatch(/^kubectl -n media patch deployment media-processor /);

  // The command as the card gives it, against the twin's aks-dev cluster.
  kubectlOnAksDev(shellWords(fix).slice(1));
  // Refresh until the throttle lets a new read through and the new pods are mutated.
  await expect
    .poll(
      async () => {
        await page
          .getByRole('button', { name: 'Check the chain again' })
          .click();
        await expect(
          page.getByRole('button', { name: 'Check the chain again' }),
        ).toBeEnabled();
        return page.getByTestId('awi-chain-summary').getAttribute('data-state');
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe('ok');
  await expect(pod).toHaveAttribute('data-state', 'ok');
  await page.screenshot({
    path: `${shots}/chain-fixed-media-processor.png`,
    fullPage: true,
  });
});

test.afterAll(() => {
  // The fix above changed the demo; media-processor goes back to its staged break.
  kubectlOnAksDev([
    '-n',
    'media',
    'patch',
    'deployment',
    'media-processor',
    '--type',
    'json',
    '-p',
    '[{"op":"remove","path":"/spec/template/metadata/labels/azure.workload.identity~1use"}]',
  ]);
});

function kubectlOnAksDev(args: string[]): string {
  return execFileSync(
    'kubectl',
    [
      '--kubeconfig',
      resolve(__dirname, '../../.sandbox/kubeconfig'),
      '--context',
      'aks-dev',
      ...args,
    ],
    { encoding: 'utf8' },
  );
}

/** Splits a command line as a POSIX shell would for the quoting the fixes use. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of command.matchAll(pattern)) {
    words.push(match[1] ?? match[2] ?? match[3]);
  }
  return words;
}
