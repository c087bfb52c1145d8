import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

// The development logger colours its lines; the tests read them as plain text.
const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** The repository's Node (24) first, as `npm run` would put it. */
export function repoPath(): string {
  return `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${
    process.env.PATH ?? ''
  }`;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/** A line of a child's output and when it arrived. */
export interface OutputLine {
  at: number;
  text: string;
}

export interface RunningProcess {
  child: ChildProcess;
  lines: OutputLine[];
  /** Everything it printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a command in its own process group, so stopping it also stops what it started
 * (backstage-cli starts the backend as a child of its own).
 */
export function startProcess(options: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}): RunningProcess {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: OutputLine[] = [];
  const collect = (chunk: Buffer) => {
    for (const text of chunk.toString('utf8').split('\n')) {
      if (text.trim())
        lines.push({
          at: Date.now(),
          text: text.replace(ANSI_COLOURS, ''),
        });
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  return {
    child,
    lines,
    output: () => lines.map(l => l.text).join('\n'),
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const killed = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

/** Polls until `ready` says yes, or fails with what the process printed. */
export async function waitFor(
  what: string,
  ready: () => Promise<boolean>,
  options: { timeoutMs: number; process?: RunningProcess },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.process && options.process.child.exitCode !== null) {
      throw new Error(
        `${what}: the process exited (${
          options.process.child.exitCode
        }):\n${options.process.output()}`,
      );
    }
    if (await ready().catch(() => false)) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `${what} within ${options.timeoutMs / 1000} s${
      options.process ? `:\n${options.process.output().slice(-4000)}` : ''
    }`,
  );
}
