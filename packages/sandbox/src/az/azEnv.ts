import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The client-side fixes Python loads at start when this folder is on PYTHONPATH. */
export const AZ_SHIMS_DIR = path.join(
  path.dirname(require.resolve('sandbox/package.json')),
  'az-shims',
);

/** The name `az cloud list` shows for the sandbox. */
export const SANDBOX_CLOUD = 'Sandbox';

export interface AzEnvOptions {
  /** Where `az.env` is written; az's own state goes to `<dir>/az`. */
  dir: string;
  /** The twin: ARM endpoint, Entra authority and Graph, e.g. `https://localhost:8443`. */
  azureUrl: string;
  /** The sandbox CA, for Python's `requests`. */
  caFile: string;
  tenantId: string;
  /** The portal's principal, which `az` signs in as. */
  clientId: string;
  clientSecret: string;
}

/** What `source az.env` exports, whether or not the sign-in succeeds. */
export function azEnvVariables(options: AzEnvOptions): Record<string, string> {
  return {
    AZURE_CONFIG_DIR: path.join(path.resolve(options.dir), 'az'),
    REQUESTS_CA_BUNDLE: path.resolve(options.caFile),
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_SURVEY_MESSAGE: 'false',
    // Read by the MSAL shim: which authority it may send instance discovery to.
    SANDBOX_AZURE_AUTHORITY: trimSlash(options.azureUrl),
  };
}

/**
 * The custom cloud of the sandbox, as `az cloud register --cloud-config` takes it: every
 * endpoint is the twin, and the token audience (`activeDirectoryResourceId`) is the twin's
 * own URL, which its ARM accepts as an audience like management.core.windows.net.
 */
export function sandboxCloudConfig(azureUrl: string) {
  const base = trimSlash(azureUrl);
  return {
    endpoints: {
      resourceManager: `${base}/`,
      management: `${base}/`,
      activeDirectory: base,
      activeDirectoryResourceId: `${base}/`,
      activeDirectoryGraphResourceId: `${base}/`,
      microsoftGraphResourceId: `${base}/`,
    },
    // az's keyvault commands read this suffix as they load, the ARM ones too (`set-policy`,
    // `show`), and refuse to run while the cloud has none. It is where the sandbox serves
    // each vault, `https://<vault>.vault.localhost:<port>` (as `.vault.azure.net` is Azure's;
    // see azure/dataplane/vaultHosts.ts), so a data-plane call by `--vault-name` stays in
    // the sandbox.
    suffixes: { keyvaultDns: `.vault.${new URL(base).host}` },
  };
}

/**
 * The POSIX shell text of `az.env`. Sourcing it exports the variables, and the first time
 * (or after the sandbox's URL or the portal's secret changed, or once `az logout` left no
 * default account) it registers and selects the `Sandbox` cloud and signs in as the portal's
 * principal. It never exits the shell that sources it: a failed step prints why and leaves the
 * rest for the next `source`.
 */
export function azEnvScript(options: AzEnvOptions): string {
  const vars = azEnvVariables(options);
  const cloud = JSON.stringify(sandboxCloudConfig(options.azureUrl));
  // The cloud's own settings count too: a shell signed in before they changed registers again.
  const fingerprint = createHash('sha256')
    .update(
      [
        options.azureUrl,
        options.tenantId,
        options.clientId,
        options.clientSecret,
        cloud,
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 32);
  const marker = '"$AZURE_CONFIG_DIR/sandbox-signed-in"';
  return [
    "# Written by the sandbox at start. `source` it to point this shell's az at the sandbox:",
    '#   . .sandbox/az.env',
    '# Real Azure needs none of this: it is the sandbox cloud, its CA and the sandbox-only',
    '# client fixes of packages/sandbox/az-shims.',
    ...Object.entries(vars).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    `sandbox_az_shims=${shellQuote(AZ_SHIMS_DIR)}`,
    'case ":${PYTHONPATH:-}:" in',
    '  *":$sandbox_az_shims:"*) ;;',
    '  *) export PYTHONPATH="$sandbox_az_shims${PYTHONPATH:+:$PYTHONPATH}" ;;',
    'esac',
    'unset sandbox_az_shims',
    '',
    'sandbox_az_sign_in() {',
    `  az cloud register -n ${SANDBOX_CLOUD} --cloud-config ${shellQuote(
      cloud,
    )} --only-show-errors >/dev/null 2>&1 ||`,
    `    az cloud update -n ${SANDBOX_CLOUD} --cloud-config ${shellQuote(
      cloud,
    )} --only-show-errors >/dev/null || return 1`,
    `  az cloud set -n ${SANDBOX_CLOUD} --only-show-errors >/dev/null || return 1`,
    `  az login --service-principal -u ${shellQuote(
      options.clientId,
    )} -p ${shellQuote(options.clientSecret)} -t ${shellQuote(
      options.tenantId,
    )} --only-show-errors --output none || return 1`,
    `  printf '%s\\n' ${fingerprint} > ${marker}`,
    '}',
    '',
    `if [ "$(cat ${marker} 2>/dev/null)" != ${fingerprint} ] ||`,
    // No default account (a fresh directory, `az logout`): sign in again.
    `  ! grep -q '"isDefault": true' "$AZURE_CONFIG_DIR/azureProfile.json" 2>/dev/null; then`,
    '  if sandbox_az_sign_in; then',
    `    echo "az: signed in to the sandbox (${trimSlash(
      options.azureUrl,
    )}) as the portal's principal ${options.clientId}." >&2`,
    '  else',
    `    echo "az: could not sign in to the sandbox at ${trimSlash(
      options.azureUrl,
    )}. Start it (npm run sandbox), then source this file again." >&2`,
    '  fi',
    'fi',
    'unset -f sandbox_az_sign_in',
    '',
  ].join('\n');
}

/** Writes `<dir>/az.env` (mode 600: it holds the portal's secret, like azure.env). */
export async function writeAzEnv(options: AzEnvOptions): Promise<string> {
  const file = path.join(path.resolve(options.dir), 'az.env');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, azEnvScript(options), { mode: 0o600 });
  return file;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Single quotes, with embedded ones closed, escaped and reopened. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
