import { FailOn } from './judgeChain';

export interface GateOptions {
  /** The Backstage backend's base URL, e.g. https://backstage.example.com */
  backendUrl: string;
  /** A Backstage external access token (static or JWKS-issued). Never printed. */
  token: string;
  /** The component's entity ref, e.g. component:default/orders-api or orders-api. */
  component: { kind: string; namespace: string; name: string };
  cluster?: string;
  failOn: FailOn;
  /** Read the chain live instead of accepting the portal's cached read. */
  refresh: boolean;
}

export const USAGE = `Usage: awi-release-gate --component <entity ref> [--cluster <name>] [--fail-on error|warning] [--cached]

Asks the Backstage portal for the component's Azure Workload Identity chain and exits non-zero
when the chain has errors (or, with --fail-on warning, warnings too), printing each finding and
its fix.

  --component   the component, e.g. component:default/orders-api (or just orders-api)
  --cluster     judge only what concerns this cluster (the one being deployed to)
  --fail-on     error (default) or warning
  --cached      accept the portal's last read instead of reading the chain live
  --backend-url the backend's base URL (default: $BACKSTAGE_URL)

The token comes from $BACKSTAGE_TOKEN: a Backstage external access token
(https://backstage.io/docs/auth/service-to-service-auth#external-callers).

Exit codes: 0 passed, 1 the chain stops the release, 2 the gate could not ask (bad arguments,
refused, unreachable).`;

/** A problem with how the gate was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

function parseEntityRef(ref: string): GateOptions['component'] {
  const match = /^(?:([\w-]+):)?(?:([\w.-]+)\/)?([\w.-]+)$/.exec(ref.trim());
  if (!match) {
    throw new UsageError(
      `--component '${ref}' is not an entity ref: use e.g. component:default/orders-api`,
    );
  }
  const [, kind = 'component', namespace = 'default', name] = match;
  return { kind: kind.toLowerCase(), namespace: namespace.toLowerCase(), name };
}

export function parseArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): GateOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--cached' || arg === '--help' || arg === '-h') {
      flags.add(arg);
      continue;
    }
    const [key, inline] = arg.split(/=(.*)/s, 2);
    if (
      !['--component', '--cluster', '--fail-on', '--backend-url'].includes(key)
    ) {
      throw new UsageError(`unknown argument '${arg}'`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${key} needs a value`);
    }
    values.set(key, value);
  }
  if (flags.has('--help') || flags.has('-h')) throw new UsageError('');

  const component = values.get('--component');
  if (!component) throw new UsageError('--component is required');
  const backendUrl = values.get('--backend-url') ?? env.BACKSTAGE_URL;
  if (!backendUrl) {
    throw new UsageError(
      'the backend URL is missing: pass --backend-url or set BACKSTAGE_URL',
    );
  }
  if (!/^https?:\/\//.test(backendUrl)) {
    throw new UsageError(
      `--backend-url '${backendUrl}' is not an http(s) URL: use e.g. https://backstage.example.com`,
    );
  }
  const token = env.BACKSTAGE_TOKEN;
  if (!token) {
    throw new UsageError(
      'BACKSTAGE_TOKEN is not set: give the pipeline a Backstage external access token',
    );
  }
  const failOn = values.get('--fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') {
    throw new UsageError(`--fail-on '${failOn}': use error or warning`);
  }
  return {
    backendUrl: backendUrl.replace(/\/+$/, ''),
    token,
    component: parseEntityRef(component),
    cluster: values.get('--cluster'),
    failOn,
    refresh: !flags.has('--cached'),
  };
}
