import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, repoPath, WORK_DIR } from './paths';

const run = promisify(execFile);

/** One published package, packed as `npm publish` would upload it. */
export interface PackedPackage {
  name: string;
  version: string;
  /** The workspace folder it was packed from (plugins/<dir>). */
  workspaceDir: string;
  tarball: string;
}

/** Every package of plugins/ that is published: not private, with a `publishConfig`. */
export async function publishedWorkspaces(): Promise<string[]> {
  const pluginsDir = path.join(REPO_ROOT, 'plugins');
  const found: string[] = [];
  for (const entry of await fs.readdir(pluginsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(pluginsDir, entry.name);
    const manifest = await readJson(path.join(dir, 'package.json')).catch(
      () => undefined,
    );
    if (manifest && !manifest.private && manifest.publishConfig) {
      found.push(dir);
    }
  }
  return found.sort();
}

/**
 * Builds the plugin packages and packs them as a release would: `tsc` for the declarations
 * `backstage-cli package build` bundles, then `npm pack`, which runs the packages' own
 * `prepack` (`backstage-cli package prepack`: `publishConfig` applied, exports pointed at
 * dist, the config schema compiled). Each package is packed from a copy, so prepack's rewrite
 * of package.json never touches the working tree others are using.
 */
export async function packPlugins(): Promise<PackedPackage[]> {
  const env = { ...process.env, PATH: repoPath() };
  const workspaces = await publishedWorkspaces();
  await run('tsc', [], { cwd: REPO_ROOT, env, maxBuffer: 16 << 20 });
  const packDir = path.join(WORK_DIR, 'packed');
  await fs.rm(packDir, { recursive: true, force: true });
  await fs.mkdir(packDir, { recursive: true });

  const packed: PackedPackage[] = [];
  for (const workspaceDir of workspaces) {
    await run('backstage-cli', ['package', 'build'], {
      cwd: workspaceDir,
      env,
      maxBuffer: 16 << 20,
    });
    const copy = path.join(packDir, path.basename(workspaceDir));
    await fs.cp(workspaceDir, copy, {
      recursive: true,
      filter: source => path.basename(source) !== 'node_modules',
    });
    const { stdout } = await run(
      'npm',
      ['pack', '--json', '--pack-destination', packDir],
      { cwd: copy, env, maxBuffer: 16 << 20 },
    );
    // The packages' prepack scripts may print before npm's JSON.
    const [result] = JSON.parse(stdout.slice(stdout.indexOf('[\n')));
    packed.push({
      name: result.name,
      version: result.version,
      workspaceDir,
      tarball: path.join(packDir, result.filename),
    });
  }
  return packed;
}

/** The file names inside a tarball, without npm's `package/` prefix. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball], {
    maxBuffer: 16 << 20,
  });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map(file => file.replace(/^package\//, ''));
}

/** The package.json a tarball publishes. */
export async function tarballManifest(tarball: string): Promise<any> {
  const { stdout } = await run('tar', [
    '-xzOf',
    tarball,
    'package/package.json',
  ]);
  return JSON.parse(stdout);
}

export async function readJson(file: string): Promise<any> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}
