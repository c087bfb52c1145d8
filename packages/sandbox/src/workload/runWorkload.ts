import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { KubernetesTwin } from '../kubernetes';
import type { KubeObject } from '../kubernetes';

export interface RunWorkloadOptions {
  twin: KubernetesTwin;
  cluster: string;
  namespace: string;
  /** The pod to act as. Use `findPod` to pick one of a deployment's. */
  pod: string;
  /** Container name; default the first container. */
  container?: string;
  /** Where token files go. Default `<twin dir>/pods`. */
  dir?: string;
}

/** The options `new WorkloadIdentityCredential(options)` of @azure/identity takes, read from the pod. */
export interface WorkloadCredentialOptions {
  tenantId?: string;
  clientId?: string;
  tokenFilePath?: string;
  authorityHost?: string;
  disableInstanceDiscovery: true;
  tlsOptions: { ca: string };
}

export interface Workload {
  pod: KubeObject;
  container: string;
  /** The container's environment as the process in it sees it; file paths point at the materialised files. */
  env: Record<string, string>;
  /** Each projected service-account token the container mounts: its path in the container and on this machine. */
  tokenFiles: Array<{
    containerPath: string;
    hostPath: string;
    audience: string;
  }>;
  /** The trust store of the "container": the sandbox CA. */
  caPath: string;
  /** Issues fresh tokens into the files, as the kubelet does before they expire. */
  refreshTokens(): Promise<void>;
  /** What WorkloadIdentityCredential needs, from the injected env only (nothing invented when it is missing). */
  credentialOptions(): WorkloadCredentialOptions;
  /** Runs a command as this container: its env, the CA trusted through NODE_EXTRA_CA_CERTS. */
  exec(
    command: string,
    args: string[],
  ): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** The pods of a deployment on a cluster of the twin, oldest first. */
export function podsOf(
  twin: KubernetesTwin,
  options: { cluster: string; namespace: string; deployment: string },
): KubeObject[] {
  return twin
    .cluster(options.cluster)
    .podsOfDeployment(options.namespace, options.deployment);
}

/**
 * Acts as a container of a pod of the twin: resolves the container's env
 * (literal values, ConfigMap/Secret references, fieldRefs), and writes every
 * projected service-account token the container mounts under
 * `.sandbox/pods/<cluster>/<namespace>/<pod>/`, signed by the cluster for the
 * pod's service account with the volume's audience and expiration, just as
 * the kubelet would. Env values that point into such a mount are rewritten
 * to the host path; a variable pointing where nothing is mounted is left as
 * is, so the SDK fails like it would in the pod.
 */
export async function runWorkload(
  options: RunWorkloadOptions,
): Promise<Workload> {
  const cluster = options.twin.cluster(options.cluster);
  const pod = cluster.get(
    cluster.type('v1', 'Pod'),
    options.namespace,
    options.pod,
  );
  const containers: any[] = pod.spec.containers;
  const container = options.container
    ? containers.find(c => c.name === options.container)
    : containers[0];
  if (!container)
    throw new Error(
      `Pod ${options.namespace}/${options.pod} has no container '${options.container}'`,
    );
  const root = path.join(
    options.dir ?? path.join(options.twin.dir, 'pods'),
    options.cluster,
    options.namespace,
    options.pod,
  );
  await fs.mkdir(root, { recursive: true });
  const caPath = path.join(root, 'ca.pem');
  await fs.writeFile(caPath, options.twin.caCertPem);

  const volumes: any[] = pod.spec.volumes ?? [];
  const tokenFiles: Workload['tokenFiles'] = [];
  const mounts: Array<{ mountPath: string; hostDir: string }> = [];
  const sources: Array<{
    hostPath: string;
    audience: string;
    expirationSeconds: number;
  }> = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.find(v => v.name === mount.name);
    const tokenSources = (volume?.projected?.sources ?? []).filter(
      (s: any) => s.serviceAccountToken,
    );
    if (!tokenSources.length) continue;
    const hostDir = path.join(root, 'volumes', mount.name);
    mounts.push({ mountPath: mount.mountPath, hostDir });
    for (const { serviceAccountToken: s } of tokenSources) {
      const hostPath = path.join(hostDir, s.path);
      const audience = s.audience ?? cluster.apiAudience;
      tokenFiles.push({
        containerPath: path.posix.join(mount.mountPath, s.path),
        hostPath,
        audience,
      });
      sources.push({
        hostPath,
        audience,
        expirationSeconds: s.expirationSeconds ?? 3607,
      });
    }
  }
  const refreshTokens = async () => {
    for (const s of sources) {
      const { token } = cluster.requestToken(
        options.namespace,
        pod.spec.serviceAccountName,
        {
          audiences: [s.audience],
          expirationSeconds: s.expirationSeconds,
          pod: { name: pod.metadata.name, uid: pod.metadata.uid! },
        },
      );
      await fs.mkdir(path.dirname(s.hostPath), { recursive: true });
      await fs.writeFile(s.hostPath, token, { mode: 0o600 });
    }
  };
  await refreshTokens();

  const toHost = (value: string) => {
    const mount = mounts.find(
      m => value === m.mountPath || value.startsWith(`${m.mountPath}/`),
    );
    return mount
      ? path.join(mount.hostDir, value.slice(mount.mountPath.length))
      : value;
  };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(
    resolveEnv(cluster, pod, container),
  ))
    env[name] = toHost(value);

  return {
    pod,
    container: container.name,
    env,
    tokenFiles,
    caPath,
    refreshTokens,
    credentialOptions: () => ({
      tenantId: env.AZURE_TENANT_ID,
      clientId: env.AZURE_CLIENT_ID,
      tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE,
      authorityHost: env.AZURE_AUTHORITY_HOST,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: options.twin.caCertPem },
    }),
    exec: (command, args) =>
      new Promise(resolve => {
        execFile(
          command,
          args,
          {
            env: {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              HOME: root,
              ...env,
              NODE_EXTRA_CA_CERTS: caPath,
            },
          },
          (error, stdout, stderr) =>
            resolve({
              code: error ? Number((error as any).code ?? 1) : 0,
              stdout,
              stderr,
            }),
        );
      }),
  };
}

function resolveEnv(
  cluster: ReturnType<KubernetesTwin['cluster']>,
  pod: KubeObject,
  container: any,
): Record<string, string> {
  const ns = pod.metadata.namespace!;
  const out: Record<string, string> = {};
  const fromRef = (
    kind: 'ConfigMap' | 'Secret',
    name: string,
    key?: string,
  ) => {
    const object = cluster.find('v1', kind, ns, name);
    if (!object) return undefined;
    const data =
      kind === 'Secret'
        ? Object.fromEntries(
            Object.entries(object.data ?? {}).map(([k, v]) => [
              k,
              Buffer.from(String(v), 'base64').toString('utf8'),
            ]),
          )
        : object.data ?? {};
    return key === undefined ? data : data[key];
  };
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const data =
      ref && fromRef(source.configMapRef ? 'ConfigMap' : 'Secret', ref.name);
    if (data && typeof data === 'object')
      for (const [k, v] of Object.entries(data))
        out[`${source.prefix ?? ''}${k}`] = String(v);
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) out[e.name] = String(e.value);
    else if (e.valueFrom?.secretKeyRef)
      out[e.name] = String(
        fromRef(
          'Secret',
          e.valueFrom.secretKeyRef.name,
          e.valueFrom.secretKeyRef.key,
        ) ?? '',
      );
    else if (e.valueFrom?.configMapKeyRef)
      out[e.name] = String(
        fromRef(
          'ConfigMap',
          e.valueFrom.configMapKeyRef.name,
          e.valueFrom.configMapKeyRef.key,
        ) ?? '',
      );
    else if (e.valueFrom?.fieldRef) {
      const value = String(e.valueFrom.fieldRef.fieldPath)
        .split('.')
        .reduce<any>((v, k) => v?.[k], pod);
      out[e.name] = value === undefined ? '' : String(value);
    } else out[e.name] = '';
  }
  return out;
}
