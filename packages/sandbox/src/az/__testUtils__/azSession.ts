import { spawn } from 'node:child_process';
import { writeAzEnv } from '../azEnv';

/** Debian's az; tests call it by path so a pyenv or pip `az` on PATH never stands in. */
export const AZ = '/usr/bin/az';

export interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AzSession {
  /** Runs `az <args>` with the session's environment (plus `opts.env`). */
  az(
    args: string[],
    opts?: { env?: Record<string, string> },
  ): Promise<AzResult>;
  /** The environment a shell has after `source az.env`. */
  env: Record<string, string>;
}

/**
 * What a person does with `source .sandbox/az.env`, in `dir`: writes az.env with the
 * sandbox's writer, sources it in `sh` (which registers the cloud and signs in as the
 * principal given) and keeps the environment the shell ends with. AZURE_CONFIG_DIR is
 * `<dir>/az`, so sessions never share az's state.
 */
export async function startAzSession(options: {
  azureUrl: string;
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  dir: string;
}): Promise<AzSession> {
  const file = await writeAzEnv(options);
  const sourced = await run(
    '/bin/sh',
    ['-c', '. "$1" && env -0', 'sh', file],
    baseEnv(),
  );
  if (sourced.code !== 0) {
    throw new Error(`sourcing ${file} failed: ${sourced.stderr}`);
  }
  const env = parseEnv0(sourced.stdout);
  if (!/signed in to the sandbox/.test(sourced.stderr)) {
    throw new Error(`az.env did not sign in: ${sourced.stderr}`);
  }
  return {
    env,
    az: (args, opts) => run(AZ, args, { ...env, ...opts?.env }),
  };
}

/** The test process's environment without anything that would point az elsewhere. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(AZURE_|ARM_|PYTHON|REQUESTS_CA_BUNDLE$|SANDBOX_)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

function parseEnv0(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

/** Runs a command with no stdin, collecting its output; never rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<AzResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', c => out.push(c));
    child.stderr.on('data', c => err.push(c));
    child.on('error', reject);
    child.on('close', code =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
