import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Copies a built workspace package to `into` as it would be published: the files its
 * package.json lists, and a package.json with `publishConfig` applied (main, module, types, and
 * exports pointing at dist), as `backstage-cli package prepack` rewrites it. The workspace
 * itself is left alone, so tests running beside this one keep resolving the sources.
 */
export async function stagePackage(
  packageDir: string,
  into: string,
): Promise<void> {
  const manifest = JSON.parse(
    await fs.readFile(path.join(packageDir, 'package.json'), 'utf8'),
  );
  await fs.mkdir(into, { recursive: true });
  for (const file of manifest.files ?? []) {
    const from = path.join(packageDir, file);
    if (await fs.stat(from).catch(() => undefined)) {
      await fs.cp(from, path.join(into, file), { recursive: true });
    }
  }
  const published = { ...manifest, ...publishedEntryPoints(manifest) };
  delete published.publishConfig;
  delete published.devDependencies;
  delete published.scripts;
  await fs.writeFile(
    path.join(into, 'package.json'),
    `${JSON.stringify(published, null, 2)}\n`,
  );
}

function publishedEntryPoints(manifest: any): object {
  const { access: _access, ...entryPoints } = manifest.publishConfig ?? {};
  if (!manifest.exports) return entryPoints;
  // `./src/alpha.tsx` is published as `./dist/alpha.esm.js` with its types beside it.
  const exports: Record<string, unknown> = {};
  const typesVersions: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries<string>(manifest.exports)) {
    if (!target.startsWith('./src/')) {
      exports[subpath] = target;
      continue;
    }
    const base = target.replace(/^\.\/src\//, '').replace(/\.tsx?$/, '');
    exports[subpath] = {
      import: `./dist/${base}.esm.js`,
      types: `./dist/${base}.d.ts`,
      default: `./dist/${base}.esm.js`,
    };
    if (subpath !== '.') {
      typesVersions[subpath.replace(/^\.\//, '')] = [`dist/${base}.d.ts`];
    }
  }
  return {
    ...entryPoints,
    exports,
    typesVersions: {
      '*': { ...typesVersions, 'package.json': ['package.json'] },
    },
  };
}
