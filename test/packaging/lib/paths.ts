import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Where the new apps are made: inside the repository (and git-ignored), so Node and the
 * bundler find Backstage itself in the repository's node_modules, as a fresh install would
 * have it, without downloading it again. Only the packed plugins are installed there.
 */
export const WORK_DIR = path.join(REPO_ROOT, 'test', 'packaging', '.work');

/** The repository's Node (24) and tools first, as `npm run` would put them. */
export function repoPath(): string {
  return `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${
    process.env.PATH ?? ''
  }`;
}
