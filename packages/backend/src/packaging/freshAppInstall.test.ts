import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  freePort,
  REPO_ROOT,
  repoPath,
  startProcess,
  waitFor,
} from '../productionPath/__testUtils__/processes';
import { stagePackage } from './stagePackage';

jest.setTimeout(900_000);

const run = promisify(execFile);
const PUBLISHED = [
  'azure-workload-identity-common',
  'azure-workload-identity-backend',
  'scaffolder-backend-module-azure-workload-identity',
  'azure-workload-identity',
];

/** The version of a dependency installed at the repository root, pinned for the fresh app. */
async function installed(name: string): Promise<string> {
  const manifest = JSON.parse(
    await fs.readFile(
      path.join(REPO_ROOT, 'node_modules', name, 'package.json'),
      'utf8',
    ),
  );
  return manifest.version;
}

/**
 * The four packages built and packed as they would be published, then installed into a new
 * Backstage backend the way their READMEs say, which must start and serve the plugin.
 */
describe('installing the built packages into a fresh app', () => {
  const env = { ...process.env, PATH: repoPath() };
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'awi-fresh-app-'));
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('builds, packs, installs and starts them in a new backend', async () => {
    // Declarations first, as `backstage-cli package build` expects them.
    await run('tsc', [], { cwd: REPO_ROOT, env });
    const tarballs: Record<string, string> = {};
    for (const name of PUBLISHED) {
      const packageDir = path.join(REPO_ROOT, 'plugins', name);
      await run('backstage-cli', ['package', 'build'], {
        cwd: packageDir,
        env,
      });
      const staged = path.join(dir, 'staged', name);
      await stagePackage(packageDir, staged);
      const { stdout } = await run(
        'npm',
        ['pack', '--pack-destination', dir, '--silent'],
        { cwd: staged, env },
      );
      const manifest = JSON.parse(
        await fs.readFile(path.join(staged, 'package.json'), 'utf8'),
      );
      tarballs[manifest.name] = `file:${path.join(dir, stdout.trim())}`;
    }

    const app = path.join(dir, 'app');
    await fs.mkdir(app);
    const rootManifest = JSON.parse(
      await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    );
    await fs.writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'fresh-backstage-app',
        private: true,
        dependencies: {
          '@backstage/backend-defaults': await installed(
            '@backstage/backend-defaults',
          ),
          '@backstage/plugin-catalog-backend': await installed(
            '@backstage/plugin-catalog-backend',
          ),
          '@backstage/plugin-scaffolder-backend': await installed(
            '@backstage/plugin-scaffolder-backend',
          ),
          // The override below pins it, as at the repository root.
          'better-sqlite3': rootManifest.overrides['better-sqlite3'],
          ...tarballs,
        },
        overrides: rootManifest.overrides,
      }),
    );
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { cwd: app, env, maxBuffer: 64 * 1024 * 1024 },
    );

    // The backend's index, as the READMEs say to write it.
    await fs.writeFile(
      path.join(app, 'index.js'),
      [
        "const { createBackend } = require('@backstage/backend-defaults');",
        'const backend = createBackend();',
        "backend.add(import('@backstage/plugin-catalog-backend'));",
        "backend.add(import('@backstage/plugin-scaffolder-backend'));",
        "backend.add(import('@backstage-community/plugin-azure-workload-identity-backend'));",
        "backend.add(import('@backstage-community/plugin-scaffolder-backend-module-azure-workload-identity'));",
        'backend.start();',
        '',
      ].join('\n'),
    );
    const port = await freePort();
    await fs.writeFile(
      path.join(app, 'app-config.yaml'),
      [
        // What @backstage/create-app writes, trimmed to the backend's needs.
        'app:',
        '  baseUrl: http://localhost:3000',
        'backend:',
        `  baseUrl: http://localhost:${port}`,
        `  listen: { port: ${port} }`,
        '  database:',
        '    client: better-sqlite3',
        "    connection: ':memory:'",
        '',
      ].join('\n'),
    );
    const backend = startProcess({
      command: 'node',
      args: ['index.js'],
      cwd: app,
      env: { PATH: repoPath(), HOME: process.env.HOME },
    });
    try {
      await waitFor(
        'the fresh app did not serve the plugin',
        async () =>
          (
            await fetch(
              `http://localhost:${port}/api/azure-workload-identity/health`,
            )
          ).ok,
        { timeoutMs: 120_000, process: backend },
      );
      // Mounted behind the backend's auth like any plugin.
      const roles = await fetch(
        `http://localhost:${port}/api/azure-workload-identity/catalog/roles`,
      );
      expect(roles.status).toBe(401);
      expect(backend.output()).toMatch(
        /Starting scaffolder with the following actions enabled.*azure:workload-identity:request/,
      );
    } finally {
      await backend.stop();
    }

    // The frontend package resolves both of its entry points to built code and types.
    const frontend = path.join(
      app,
      'node_modules',
      '@internal',
      'plugin-azure-workload-identity',
    );
    const manifest = JSON.parse(
      await fs.readFile(path.join(frontend, 'package.json'), 'utf8'),
    );
    for (const entry of ['.', './alpha']) {
      const target = manifest.exports[entry];
      await expect(
        fs.stat(path.join(frontend, target.import)),
      ).resolves.toBeTruthy();
      await expect(
        fs.stat(path.join(frontend, target.types)),
      ).resolves.toBeTruthy();
    }
  });
});
