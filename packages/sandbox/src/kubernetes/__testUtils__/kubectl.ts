import { execFile } from 'node:child_process';
import https from 'node:https';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORTAL_KUBERNETES_PRINCIPALS } from '../../presets/portalPrincipals/kubernetes';
import { ensureSandboxTls } from '../../tls';
import {
  KubernetesClusterSpec,
  KubernetesTwin,
  startKubernetesTwin,
} from '../startKubernetesTwin';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Kubectl = (
  args: string[],
  stdin?: string,
) => Promise<KubectlResult>;

/**
 * Runs the machine's real kubectl against a kubeconfig. Asynchronous on
 * purpose: the twin answers from this same process.
 */
export function kubectlFor(kubeconfig: string, cacheDir: string): Kubectl {
  return (args, stdin) =>
    new Promise(resolve => {
      const child = execFile(
        process.env.KUBECTL ?? '/usr/bin/kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args],
        { env: { PATH: process.env.PATH, HOME: cacheDir }, timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as any).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
}

export interface TestKubernetes {
  twin: KubernetesTwin;
  dir: string;
  kubectl: Kubectl;
  stop(): Promise<void>;
}

/**
 * A Kubernetes twin on ephemeral ports in a fresh temporary `.sandbox/`, with kubectl wired
 * to it, and the portal's principals (its `-reader` and `-provisioner` contexts) as the
 * sandbox runs them.
 */
export async function startTestKubernetes(
  options: {
    clusters?: KubernetesClusterSpec[];
    authorityHost?: string;
    tls?: { certPem: string; keyPem: string; caCertPem: string };
  } = {},
): Promise<TestKubernetes> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-k8s-'));
  const tls = options.tls ?? (await ensureSandboxTls({ dir }));
  const twin = await startKubernetesTwin({
    dir,
    tls,
    basePort: 0,
    authorityHost: options.authorityHost,
    principals: PORTAL_KUBERNETES_PRINCIPALS,
    clusters: options.clusters ?? [
      {
        name: 'aks-prod',
        resourceGroup: 'rg-aks',
        subscriptionId: '00000000-0000-0000-0000-000000000001',
      },
      {
        name: 'aks-dev',
        resourceGroup: 'rg-aks-dev',
        subscriptionId: '00000000-0000-0000-0000-000000000002',
        aadPodIdentity: true,
      },
    ],
  });
  return {
    twin,
    dir,
    kubectl: kubectlFor(twin.kubeconfigPath, path.join(dir, 'kube-cache')),
    stop: async () => {
      await twin.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTPS call to a cluster (what client libraries do underneath), JSON in and out. */
export async function rawRequest(
  url: string,
  caPem: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    contentType?: string;
    accept?: string;
  } = {},
): Promise<{
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const payload =
      options.body === undefined
        ? undefined
        : Buffer.from(
            typeof options.body === 'string'
              ? options.body
              : JSON.stringify(options.body),
          );
    const req = https.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: caPem,
        headers: {
          ...(options.token
            ? { authorization: `Bearer ${options.token}` }
            : {}),
          ...(payload
            ? { 'content-type': options.contentType ?? 'application/json' }
            : {}),
          ...(options.accept ? { accept: options.accept } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* text */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
