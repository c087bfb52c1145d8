#!/usr/bin/env node
/* eslint-disable no-console */
// Runs every test of the repository — the unit and integration tests of each package (Jest
// through backstage-cli), the browser tests and the packaging test (Playwright in Debian's
// Chromium) — and prints one summed line, `N passed, N failed`, that CI reads. Exits non-zero
// on any failure.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const results = path.join(root, 'test-results');
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  // backstage-cli watches for changes unless CI is set; a test command must run once.
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: process.env.CI || 'true' },
  });
  return child.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// Jest's CI output names suites, not tests: say plainly which databases the tests ran on.
function reportDatabaseCoverage(jest) {
  const tests = jest.testResults.flatMap(suite => suite.assertionResults);
  for (const db of ['SQLITE_3', 'POSTGRES_15']) {
    const ran = tests.filter(t => t.fullName.includes(db));
    const passed = ran.filter(t => t.status === 'passed').length;
    console.log(`${db} database tests: ${ran.length} ran, ${passed} passed`);
  }
}

const bin = name => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
let runnerFailed = false;

const jestFile = path.join(results, 'jest.json');
const jestStatus = run('unit and integration tests', bin('backstage-cli'), [
  'repo',
  'test',
  '--ci',
  '--json',
  `--outputFile=${jestFile}`,
]);
const jest = readJson(jestFile);
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests;
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
  // A suite that fails to load has no failed test of its own; count it as a failure.
  totals.failed += jest.numRuntimeErrorTestSuites;
  reportDatabaseCoverage(jest);
}
if (jestStatus !== 0 || !jest) runnerFailed = true;
// A runner that could not start has no results of its own; count it as one failure.
if (!jest) totals.failed += 1;

// Lint is part of the bar a change must clear: each package with lint errors counts as a failure.
if (process.env.SKIP_LINT !== '1') {
  const lint = spawnSync(bin('backstage-cli'), ['repo', 'lint'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: process.env.CI || 'true' },
  });
  console.log('\n=== lint: backstage-cli repo lint');
  process.stdout.write(lint.stdout);
  process.stderr.write(lint.stderr);
  const failedPackages =
    (lint.stdout + lint.stderr).match(/Lint failed in \S+/g) ?? [];
  if (lint.status === 0) totals.passed += 1;
  else totals.failed += Math.max(1, failedPackages.length);
}

// Publishing is part of the bar too: every package builds, and the published packages' API
// reports match their code (a change to the API comes with its report, `npm run api-reports`).
if (process.env.SKIP_BUILD !== '1') {
  for (const [title, script] of [
    ['build', 'build:all'],
    ['API reports', 'api-reports:check'],
  ]) {
    const status = run(title, 'npm', ['run', script]);
    if (status === 0) totals.passed += 1;
    else totals.failed += 1;
  }
}

// Playwright runs: the browser tests against what `npm start` serves, and the packaging test
// (the plugins packed as published, installed into a new app and backend, the card rendered).
const playwrightRuns = [
  ['browser tests', 'test/playwright.config.ts', 'e2e.json', 'SKIP_E2E'],
  [
    'packaging test',
    'test/packaging/playwright.config.ts',
    'packaging.json',
    'SKIP_PACKAGING',
  ],
];
for (const [title, config, report, skipVariable] of playwrightRuns) {
  if (process.env[skipVariable] === '1') continue;
  const status = run(title, bin('playwright'), ['test', '--config', config]);
  const stats = readJson(path.join(results, report))?.stats;
  if (stats) {
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  }
  if (status !== 0 || !stats) runnerFailed = true;
  if (!stats) totals.failed += 1;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(runnerFailed || totals.failed > 0 ? 1 : 0);
