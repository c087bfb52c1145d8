import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { REPO_ROOT, repoPath } from './__testUtils__/processes';
import {
  describeWithServices,
  requireServices,
} from './__testUtils__/services';
import { productionEnv } from './__testUtils__/productionEnv';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/startBackendProcess';
import {
  SandboxProcess,
  startSandboxProcess,
} from './__testUtils__/startSandboxProcess';

jest.setTimeout(600_000);

const GATE = path.join(
  REPO_ROOT,
  'packages',
  'release-gate',
  'bin',
  'awi-release-gate',
);

/** Runs the gate as a pipeline step would: a process, its exit code and its output. */
function runGate(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GATE, ...args], {
      env: { PATH: repoPath(), HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/**
 * The release gate against the portal as it is deployed (the repository's backend on the
 * sandbox), authenticated with an external access token as a pipeline is: a healthy demo
 * component passes, a broken one stops the release with its finding and fix.
 */
describeWithServices('the release gate, against the sandbox', () => {
  const token = randomBytes(24).toString('base64url');
  let sandbox: SandboxProcess;
  let portal: BackendProcess;
  let gateEnv: Record<string, string>;

  beforeAll(async () => {
    const { postgres, redis } = requireServices();
    sandbox = await startSandboxProcess();
    portal = await startBackendProcess({
      env: {
        ...productionEnv({
          sandbox,
          postgres,
          redis,
          runId: randomBytes(4).toString('hex'),
          identitiesSubscriptionId: '00000000-0000-0000-0000-000000000002',
          fleetScanIntervalMinutes: 60,
        }),
        AWI_RELEASE_GATE_TOKEN: token,
      },
      entityRef: 'component:default/invoice-renderer',
      extraConfig: [path.join(__dirname, 'app-config.test-release-gate.yaml')],
    });
    gateEnv = { BACKSTAGE_URL: portal.url, BACKSTAGE_TOKEN: token };
  });

  afterAll(async () => {
    await portal?.stop();
    await sandbox?.stop();
  });

  it('lets a healthy component through', async () => {
    const gate = await runGate(
      ['--component', 'component:default/orders-api', '--cluster', 'aks-prod'],
      gateEnv,
    );
    expect(gate.stderr).toBe('');
    expect(gate.stdout).toContain(
      'PASSED: the Azure Workload Identity chain of component:default/orders-api on aks-prod has no errors',
    );
    expect(gate.code).toBe(0);
  });

  it('stops a broken component, printing the finding and its fix', async () => {
    const gate = await runGate(['--component', 'invoice-renderer'], gateEnv);
    expect(gate.stdout).toContain(
      'FAILED: the Azure Workload Identity chain of component:default/invoice-renderer',
    );
    expect(gate.stdout).toContain('ERROR fic-subject-namespace-mismatch');
    expect(gate.stdout).toMatch(
      /fix \(the component team\):\n\s+az identity federated-credential update/,
    );
    expect(gate.code).toBe(1);
  });

  it('refuses a pipeline without a valid token, and never passes it', async () => {
    const gate = await runGate(['--component', 'orders-api'], {
      BACKSTAGE_URL: portal.url,
      BACKSTAGE_TOKEN: 'not-the-pipeline-token',
    });
    expect(gate.stderr).toContain('the portal answered HTTP 401');
    expect(gate.code).toBe(2);
  });
});
