import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  AzResult,
  AzSession,
  run,
  startAzSession,
} from 'sandbox/src/az/__testUtils__/azSession';
import { DemoSandbox } from '../../../clients/__testUtils__/startDemoSandbox';

/**
 * A shell as a person has it after `source .sandbox/az.env` and pointing kubectl at a cluster:
 * Debian's `az`, signed in as the portal's principal, and `kubectl` on the sandbox's kubeconfig
 * with that cluster as the current context.
 */
export interface FixShell {
  /** Runs `text` as `sh -c text`, unchanged, with kubectl's current context on `cluster`. */
  run(text: string, options: { cluster: string }): Promise<AzResult>;
}

export async function startFixShell(demo: DemoSandbox): Promise<FixShell> {
  const kubernetes = demo.sandbox.demo!.kubernetes;
  const dir = path.join(path.dirname(kubernetes.kubeconfigPath), 'fix-shell');
  const { twin, url } = demo.sandbox.azure;
  const session: AzSession = await startAzSession({
    azureUrl: url,
    caFile: demo.sandbox.tls.caPath,
    tenantId: twin.tenantId,
    clientId: twin.portal.clientId,
    clientSecret: twin.portal.clientSecret,
    dir,
  });
  // Debian's az and kubectl, never a pyenv or pip `az` earlier on the test's PATH.
  const env = { ...session.env, PATH: '/usr/bin:/bin', HOME: dir };
  const kubeconfigs = new Map<string, Promise<string>>();
  // The sandbox's kubeconfig, copied once per cluster with that cluster as current context:
  // the commands stay as the card shows them, without a `--context`.
  const kubeconfigFor = (cluster: string) => {
    let file = kubeconfigs.get(cluster);
    if (!file) {
      file = (async () => {
        const copy = path.join(dir, `kubeconfig-${cluster}`);
        await fs.copyFile(kubernetes.kubeconfigPath, copy);
        const used = await run(
          '/usr/bin/kubectl',
          ['--kubeconfig', copy, 'config', 'use-context', cluster],
          env,
        );
        if (used.code !== 0) {
          throw new Error(`no context ${cluster}: ${used.stderr}`);
        }
        return copy;
      })();
      kubeconfigs.set(cluster, file);
    }
    return file;
  };
  return {
    async run(text, { cluster }) {
      return run('/bin/sh', ['-c', text], {
        ...env,
        KUBECONFIG: await kubeconfigFor(cluster),
      });
    },
  };
}
