import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findInstalled, installPacked } from './installPacked';
import { PackedPackage } from './packPlugins';
import { REPO_ROOT, WORK_DIR } from './paths';

/**
 * `@backstage/create-app` names it `app`; so is the repository's own app, which Node would find
 * first in the shared node_modules. The backend's app-backend is told this name
 * (`app.packageName` in template/app-config.yaml).
 */
const APP_PACKAGE = 'adopter-app';

/** The dependencies `@backstage/create-app` gives packages/app. */
const CREATE_APP_FRONTEND = [
  '@backstage/cli',
  '@backstage/core-components',
  '@backstage/core-plugin-api',
  '@backstage/frontend-defaults',
  '@backstage/frontend-plugin-api',
  '@backstage/integration-react',
  '@backstage/plugin-api-docs',
  '@backstage/plugin-app-react',
  '@backstage/plugin-app-visualizer',
  '@backstage/plugin-auth',
  '@backstage/plugin-catalog',
  '@backstage/plugin-catalog-graph',
  '@backstage/plugin-catalog-import',
  '@backstage/plugin-home',
  '@backstage/plugin-home-react',
  '@backstage/plugin-kubernetes',
  '@backstage/plugin-notifications',
  '@backstage/plugin-org',
  '@backstage/plugin-scaffolder',
  '@backstage/plugin-search',
  '@backstage/plugin-app-module-user-settings',
  '@backstage/plugin-signals',
  '@backstage/plugin-techdocs',
  '@backstage/plugin-techdocs-module-addons-contrib',
  '@backstage/plugin-user-settings',
  '@backstage/ui',
  '@material-ui/core',
  '@material-ui/icons',
  'react',
  'react-dom',
  'react-router',
  'react-router-dom',
];

/** What the backend's src/index.ts (template/packages/backend) imports. */
const BACKEND = [
  '@backstage/backend-defaults',
  '@backstage/backend-plugin-api',
  '@backstage/plugin-app-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-catalog-backend-module-logs',
  '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
  '@backstage/plugin-notifications-backend',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-permission-common',
  '@backstage/plugin-permission-node',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-scaffolder-backend-module-notifications',
  '@backstage/plugin-signals-backend',
  'better-sqlite3',
];

export interface AdopterRepo {
  root: string;
  appDir: string;
  backendDir: string;
}

/**
 * A new Backstage repository laid out as `@backstage/create-app` makes one (packages/app on the
 * new frontend system, packages/backend on `createBackend()`), whose packages add the packed
 * plugins the way their READMEs say. Its Backstage dependencies are the versions installed at
 * the repository root; the packed plugins are installed into its own node_modules.
 */
export async function createAdopterRepo(
  packed: PackedPackage[],
): Promise<AdopterRepo> {
  const root = path.join(WORK_DIR, 'adopter');
  await fs.rm(root, { recursive: true, force: true });
  await fs.cp(path.join(__dirname, '..', 'template'), root, {
    recursive: true,
  });
  const appDir = path.join(root, 'packages', 'app');
  const backendDir = path.join(root, 'packages', 'backend');

  const roleOf = async (p: PackedPackage) =>
    JSON.parse(
      await fs.readFile(path.join(p.workspaceDir, 'package.json'), 'utf8'),
    ).backstage?.role;
  const frontend: PackedPackage[] = [];
  const backend: PackedPackage[] = [];
  for (const p of packed) {
    const role = await roleOf(p);
    if (role === 'frontend-plugin') frontend.push(p);
    if (role === 'backend-plugin' || role === 'backend-plugin-module') {
      backend.push(p);
    }
  }

  await writeJson(path.join(root, 'package.json'), {
    name: 'root',
    version: '1.0.0',
    private: true,
    workspaces: ['packages/*', 'plugins/*'],
    devDependencies: await dependenciesLike({
      names: ['@backstage/cli', '@backstage/cli-defaults'],
      repoPackage: REPO_ROOT,
      dir: root,
    }),
  });
  await writeJson(path.join(appDir, 'package.json'), {
    name: APP_PACKAGE,
    version: '0.0.0',
    private: true,
    bundled: true,
    backstage: { role: 'frontend' },
    dependencies: {
      ...(await dependenciesLike({
        names: CREATE_APP_FRONTEND,
        repoPackage: path.join(REPO_ROOT, 'packages', 'app'),
        dir: appDir,
      })),
      ...packedVersions(frontend),
    },
  });
  await writeJson(path.join(backendDir, 'package.json'), {
    name: 'backend',
    version: '0.0.0',
    main: 'dist/index.cjs.js',
    types: 'src/index.ts',
    private: true,
    backstage: { role: 'backend' },
    dependencies: {
      ...(await dependenciesLike({
        names: BACKEND,
        repoPackage: path.join(REPO_ROOT, 'packages', 'backend'),
        dir: backendDir,
      })),
      ...packedVersions(backend),
      [APP_PACKAGE]: 'link:../app',
    },
  });

  // One node_modules at the root, as yarn hoists a workspace's dependencies and links its
  // packages.
  const nodeModules = path.join(root, 'node_modules');
  await installPacked({ packages: packed, nodeModules });
  await fs.symlink(appDir, path.join(nodeModules, APP_PACKAGE), 'dir');
  return { root, appDir, backendDir };
}

/**
 * The dependencies `names` of a new package, at the versions the repository installed for its
 * own package of the same kind (packages/app or packages/backend): `^<version>` for its
 * package.json, and, where the repository nested a copy for its package rather than hoisting
 * it, the same copy linked into the new package's node_modules. Packages the repository does
 * not install are left out.
 */
async function dependenciesLike(options: {
  names: string[];
  repoPackage: string;
  dir: string;
}): Promise<Record<string, string>> {
  const ranges: Record<string, string> = {};
  for (const name of options.names) {
    const chosen = findInstalled(name, options.repoPackage);
    if (!chosen) continue;
    ranges[name] = `^${chosen.version}`;
    if (findInstalled(name, options.dir)?.dir !== chosen.dir) {
      const link = path.join(options.dir, 'node_modules', name);
      await fs.mkdir(path.dirname(link), { recursive: true });
      await fs.symlink(chosen.dir, link, 'dir');
    }
  }
  return ranges;
}

function packedVersions(packages: PackedPackage[]): Record<string, string> {
  return Object.fromEntries(packages.map(p => [p.name, `^${p.version}`]));
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
