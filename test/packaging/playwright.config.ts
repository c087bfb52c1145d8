import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser: these machines reach only the npm registry
// and Debian's packages.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The packaging test: the plugins packed as npm publishes them, installed into a new app and
 * backend made like `@backstage/create-app`'s, and the identity card rendered there.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Per step; the whole run stays within about five minutes on two cores.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '../../test-results/packaging.json' }],
  ],
  outputDir: '../../test-results/packaging-artifacts',
  use: {
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
});
