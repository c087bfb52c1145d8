import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASELINE, baselineAzureSeed } from '../azure/seed/baseline';
import {
  startTestSandbox,
  TestSandbox,
} from '../azure/__testUtils__/startTestSandbox';
import { AzSession, run, startAzSession } from './__testUtils__/azSession';

// Every az call starts a Python interpreter (a second or two).
jest.setTimeout(120_000);

/**
 * A cloud az knows from the twin's metadata alone (ARM_CLOUD_METADATA_URL, read by
 * azure-cli's `_arm_to_cli_mapper`), with no hand-written suffix: its Key Vault suffix
 * comes from the metadata, so az addresses vaults by name.
 */
describe('the Key Vault suffix of the cloud metadata', () => {
  let t: TestSandbox;
  let session: AzSession;
  let dir: string;
  let port: string;
  let metadataEnv: Record<string, string>;

  const az = async (...args: string[]) => {
    const res = await session.az(args, { env: metadataEnv });
    if (res.code !== 0)
      throw new Error(`az ${args.join(' ')} failed: ${res.stderr}`);
    return res.stdout;
  };

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'az-cloud-metadata-'));
    const { twin } = t.sandbox.azure;
    // Only for the environment az.env exports (CA, client-side shims); az's state below is
    // a directory of its own, where no cloud was registered by hand.
    session = await startAzSession({
      azureUrl: t.url,
      caFile: t.sandbox.tls.caPath,
      tenantId: twin.tenantId,
      clientId: twin.portal.clientId,
      clientSecret: twin.portal.clientSecret,
      dir: path.join(dir, 'session'),
    });
    port = new URL(t.url).port;
    const configDir = path.join(dir, 'from-metadata');
    await fs.mkdir(configDir);
    metadataEnv = {
      AZURE_CONFIG_DIR: configDir,
      // az fetches this URL with urllib, which trusts OpenSSL's store, not REQUESTS_CA_BUNDLE.
      SSL_CERT_FILE: t.sandbox.tls.caPath,
      ARM_CLOUD_METADATA_URL: `${t.url}/metadata/endpoints?api-version=2019-05-01`,
    };
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('serves keyVaultDns in the 2022-09-01 shape, which az maps to its keyvault_dns', async () => {
    const res = await run(
      '/usr/bin/python3',
      [path.join(__dirname, 'python', 'cloud_suffixes.py'), t.url],
      session.env,
    );
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      served: { keyVaultDns: `vault.localhost:${port}` },
      keyvault_dns: `.vault.localhost:${port}`,
    });
  });

  it('signs in to the cloud from the metadata and runs az keyvault by vault name', async () => {
    const cloud = JSON.parse(
      await az('cloud', 'show', '-n', 'Sandbox', '-o', 'json'),
    );
    expect(cloud.suffixes.keyvaultDns).toBe(`.vault.localhost:${port}`);
    expect(cloud.endpoints.resourceManager).toBe(`${t.url}/`);

    const { twin } = t.sandbox.azure;
    await az('cloud', 'set', '-n', 'Sandbox');
    await az(
      'login',
      '--service-principal',
      '-u',
      twin.portal.clientId,
      '-p',
      twin.portal.clientSecret,
      '-t',
      twin.tenantId,
      '-o',
      'none',
    );
    // az's keyvault commands refuse to load while the cloud has no keyvault_dns.
    const vaultId = (
      await az(
        'keyvault',
        'show',
        '-n',
        BASELINE.keyVault,
        '--query',
        'id',
        '-o',
        'tsv',
      )
    ).trim();
    expect(vaultId).toMatch(
      /\/providers\/Microsoft\.KeyVault\/vaults\/kv-orders$/,
    );

    // Debian's az 2.45 cannot run `az keyvault secret show` (it imports the track-1
    // azure.keyvault.v7_0, which Debian does not ship), so the secret is read through
    // `az rest` at the host the cloud's suffix gives the vault.
    await az(
      'role',
      'assignment',
      'create',
      '--role',
      'Key Vault Secrets User',
      '--assignee',
      twin.portal.clientId,
      '--scope',
      vaultId,
      '-o',
      'none',
    );
    const secret = await az(
      'rest',
      '--method',
      'get',
      '--url',
      `https://${BASELINE.keyVault}${cloud.suffixes.keyvaultDns}/secrets/orders-db-password?api-version=7.4`,
      '--resource',
      `https://vault.localhost:${port}`,
      '--query',
      'value',
      '-o',
      'tsv',
    );
    expect(secret.trim()).toBe('sandbox-secret-value');
  });
});
