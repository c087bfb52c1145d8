import { expect, test } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AdopterRepo, createAdopterRepo } from './lib/adopterRepo';
import {
  AdopterPortal,
  guestToken,
  startAdopterPortal,
} from './lib/adopterPortal';
import { findInstalled } from './lib/installPacked';
import {
  PackedPackage,
  packPlugins,
  tarballFiles,
  tarballManifest,
} from './lib/packPlugins';
import { WORK_DIR } from './lib/paths';

// Each step builds on the one before: packed, installed and started, then looked at.
test.describe.configure({ mode: 'serial' });

const SCOPE = '@backstage-community';
/** Those the issue names; a package added to plugins/ later is packed too. */
const REQUIRED = [
  `${SCOPE}/plugin-azure-workload-identity`,
  `${SCOPE}/plugin-azure-workload-identity-backend`,
  `${SCOPE}/plugin-azure-workload-identity-common`,
  `${SCOPE}/plugin-scaffolder-backend-module-azure-workload-identity`,
];

let packed: PackedPackage[] = [];
let repo: AdopterRepo;
let portal: AdopterPortal | undefined;
let failed = false;

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) failed = true;
});

test.afterAll(async () => {
  await portal?.stop();
  // Kept after a failure, to look at; the build output would otherwise trouble prettier.
  if (!failed) await fs.rm(WORK_DIR, { recursive: true, force: true });
});

/** Every file a published manifest points at: entry points, types and the config schema. */
function referencedFiles(manifest: any): string[] {
  const leaves = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(leaves);
    if (value && typeof value === 'object') {
      // `backstage` in an export names the feature it exports, not a file.
      return Object.entries(value)
        .filter(([key]) => key !== 'backstage')
        .flatMap(([, v]) => leaves(v));
    }
    return [];
  };
  const { main, module, types, configSchema, exports, typesVersions } =
    manifest;
  return [main, module, types, configSchema, exports, typesVersions]
    .flatMap(leaves)
    .map(file => file.replace(/^\.\//, ''));
}

test('the plugin packages pack as npm publishes them, pointing only at built files', async () => {
  packed = await packPlugins();
  expect(packed.map(p => p.name)).toEqual(expect.arrayContaining(REQUIRED));
  for (const p of packed) {
    const files = new Set(await tarballFiles(p.tarball));
    const manifest = await tarballManifest(p.tarball);
    expect(manifest.main, p.name).toMatch(/^dist\//);
    expect(manifest.types, p.name).toMatch(/^dist\/.*\.d\.ts$/);
    for (const file of referencedFiles(manifest)) {
      expect(file, `${p.name} points at ${file}`).not.toMatch(/^src\//);
      expect(files.has(file), `${p.name} ships ${file}`).toBe(true);
    }
    expect(
      [...files].filter(file => file.startsWith('src/')),
      `${p.name} ships its sources`,
    ).toEqual([]);
  }
});

test('a new backend made like create-app starts the packed plugins against the sandbox', async () => {
  repo = await createAdopterRepo(packed);
  // The new packages load the packed copies, never the repository's workspaces.
  for (const p of packed) {
    expect(findInstalled(p.name, repo.backendDir)?.dir, p.name).toBe(
      path.join(repo.root, 'node_modules', p.name),
    );
  }
  portal = await startAdopterPortal(repo);

  const health = await fetch(
    `${portal.url}/api/azure-workload-identity/health`,
  );
  expect(await health.json()).toEqual({ status: 'ok' });
  // The scaffolder module registered its actions with the adopter's scaffolder.
  expect(portal.backend.output()).toMatch(
    /Starting scaffolder with the following actions enabled.*azure:workload-identity:request/,
  );
  // The chain is read live from the sandbox, for a guest of the new app.
  const chain = await fetch(
    `${portal.url}/api/azure-workload-identity/chain/component/default/orders-api`,
    { headers: { authorization: `Bearer ${await guestToken(portal.url)}` } },
  );
  expect(chain.status).toBe(200);
  expect((await chain.json()).links.identity).toBe('ok');
});

test('the new app shows the identity card of a demo component in Chromium', async ({
  page,
}) => {
  expect(portal, 'the backend did not start').toBeDefined();
  await page.goto(`${portal!.url}/catalog/default/component/orders-api`);
  // create-app's sign-in page: the guest provider.
  await page.getByRole('button', { name: 'Enter' }).click();

  // The summary card on the overview, listed first in app.extensions as the README says.
  const works = page.getByText(
    'The chain works: orders-api gets its Azure token.',
  );
  await expect(works).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Reads blobs in ordersdata')).toBeVisible();
  await page.getByRole('link', { name: 'See the whole chain' }).click();
  // The whole card on the component's "Azure access" tab, read live from the sandbox.
  await expect(
    page.getByText('Azure workload identity', { exact: true }),
  ).toBeVisible();
  await expect(works).toBeVisible({ timeout: 60_000 });
  const identity = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Managed identity' }) });
  await expect(identity).toContainText('wi-orders');
  await expect(identity).toContainText('OK');

  await page.screenshot({
    path: path.join(
      __dirname,
      '..',
      '..',
      'test-results',
      'screenshots',
      'packaging-identity-card.png',
    ),
    fullPage: true,
  });
});
