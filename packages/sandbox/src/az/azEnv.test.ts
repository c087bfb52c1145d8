import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AZ_SHIMS_DIR, writeAzEnv } from './azEnv';
import { run } from './__testUtils__/azSession';

jest.setTimeout(60_000);

describe('az.env', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-azenv-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('exports its variables and keeps the shell alive when the sandbox is not running', async () => {
    const file = await writeAzEnv({
      dir,
      // Nothing listens on port 9 here: the sign-in fails at once.
      azureUrl: 'https://localhost:9',
      caFile: path.join(dir, 'ca.pem'),
      tenantId: '72f988bf-0000-0000-0000-000000000001',
      clientId: '9a1b0c2d-0000-0000-0000-00000000c1d0',
      clientSecret: "it's secret",
    });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const res = await run(
      '/bin/sh',
      [
        '-c',
        '. "$1"; . "$1"; echo "still here $PYTHONPATH $AZURE_CONFIG_DIR $REQUESTS_CA_BUNDLE"',
        'sh',
        file,
      ],
      { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    );
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(
      `still here ${AZ_SHIMS_DIR} ${path.join(dir, 'az')} ${path.join(
        dir,
        'ca.pem',
      )}`,
    );
    expect(res.stderr).toContain(
      'az: could not sign in to the sandbox at https://localhost:9. Start it (npm run sandbox), then source this file again.',
    );
  });
});
