import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAST_REALISM } from '../../azure/__testUtils__/startTestSandbox';
import { Sandbox, startSandbox } from '../../startSandbox';
import { AzSession, run, startAzSession } from './azSession';

const CATALOG = path.resolve(__dirname, '../../../../../demo/catalog.yaml');

export interface AzDemoSandbox {
  sandbox: Sandbox;
  dir: string;
  /** `az` after `source az.env`: signed in as the portal's principal. */
  session: AzSession;
  /** `kubectl --kubeconfig <dir>/kubeconfig <args>`. */
  kubectl(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The demo world on ephemeral ports in a temporary `.sandbox/`, with an az session on it. */
export async function startAzDemoSandbox(): Promise<AzDemoSandbox> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-az-'));
  const sandbox = await startSandbox({
    dir,
    azure: { port: 0, persist: false, realism: FAST_REALISM },
    demo: { catalogPath: CATALOG, kubernetesBasePort: 0 },
  });
  try {
    const { twin, url } = sandbox.azure;
    const session = await startAzSession({
      azureUrl: url,
      caFile: sandbox.tls.caPath,
      tenantId: twin.tenantId,
      clientId: twin.portal.clientId,
      clientSecret: twin.portal.clientSecret,
      dir: path.join(dir, 'session'),
    });
    return {
      sandbox,
      dir,
      session,
      async kubectl(args) {
        const res = await run(
          '/usr/bin/kubectl',
          ['--kubeconfig', path.join(dir, 'kubeconfig'), ...args],
          { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
        );
        if (res.code !== 0) {
          throw new Error(`kubectl ${args.join(' ')}: ${res.stderr}`);
        }
        return res.stdout;
      },
      async stop() {
        await sandbox.stop();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await sandbox.stop();
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}
