import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { PackedPackage, readJson } from './packPlugins';

const run = promisify(execFile);

interface Installed {
  dir: string;
  version: string;
}

/** The copy of `name` Node would load from `fromDir`: the nearest node_modules holding it. */
export function findInstalled(
  name: string,
  fromDir: string,
): Installed | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    const manifest = path.join(candidate, 'package.json');
    if (existsSync(manifest)) {
      const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
      return { dir: candidate, version };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Installs the packed packages into `nodeModules` as npm would: each tarball unpacked into
 * node_modules/<name>, and each dependency resolved to a version its range accepts. Backstage
 * and the other dependencies are not downloaded: a dependency the shared node_modules above
 * already satisfies is used from there (npm would hoist and dedupe it the same way), and one it
 * does not is linked into the package's own node_modules from the copy npm installed for the
 * workspace package (npm would nest one there).
 */
export async function installPacked(options: {
  packages: PackedPackage[];
  nodeModules: string;
}): Promise<void> {
  const { packages, nodeModules } = options;
  const ours = new Map(packages.map(p => [p.name, p]));
  for (const pkg of packages) {
    const dest = path.join(nodeModules, pkg.name);
    await fs.rm(dest, { recursive: true, force: true });
    await fs.mkdir(dest, { recursive: true });
    await run('tar', ['-xzf', pkg.tarball, '-C', dest, '--strip-components=1']);
  }
  for (const pkg of packages) {
    const dest = path.join(nodeModules, pkg.name);
    const manifest = await readJson(path.join(dest, 'package.json'));
    for (const [dep, range] of Object.entries<string>(
      manifest.dependencies ?? {},
    )) {
      const sibling = ours.get(dep);
      if (sibling) {
        if (!semver.satisfies(sibling.version, range)) {
          throw new Error(
            `${pkg.name} depends on ${dep}@${range}, but ${sibling.version} was packed: release them together`,
          );
        }
        continue;
      }
      await resolveDependency({ pkg, dest, dep, range });
    }
    const optionalPeers = manifest.peerDependenciesMeta ?? {};
    for (const [dep, range] of Object.entries<string>(
      manifest.peerDependencies ?? {},
    )) {
      if (optionalPeers[dep]?.optional) continue;
      const found = findInstalled(dep, dest);
      if (!found || !semver.satisfies(found.version, range)) {
        throw new Error(
          `${pkg.name} needs the peer ${dep}@${range}, but the app has ${
            found?.version ?? 'none'
          }`,
        );
      }
    }
  }
}

async function resolveDependency(options: {
  pkg: PackedPackage;
  dest: string;
  dep: string;
  range: string;
}): Promise<void> {
  const { pkg, dest, dep, range } = options;
  const hoisted = findInstalled(dep, dest);
  if (hoisted && semver.satisfies(hoisted.version, range)) return;
  const nested = findInstalled(dep, pkg.workspaceDir);
  if (!nested || !semver.satisfies(nested.version, range)) {
    throw new Error(
      `${pkg.name} depends on ${dep}@${range}, and the repository has ${
        nested?.version ?? 'no copy'
      } installed for it: run npm install`,
    );
  }
  const link = path.join(dest, 'node_modules', dep);
  await fs.mkdir(path.dirname(link), { recursive: true });
  await fs.symlink(nested.dir, link, 'dir');
}
