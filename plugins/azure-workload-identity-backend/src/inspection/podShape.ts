import { TOKEN_EXCHANGE_AUDIENCE } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  Container,
  PodSpec,
  ServiceAccountTokenProjection,
} from './kubernetesTypes';

/** Where a projected service-account token is mounted in a container. */
export interface TokenMount {
  volumeName: string;
  mountPath: string;
  projection: ServiceAccountTokenProjection;
  /** mountPath + "/" + projection.path, normalised. */
  filePath: string;
}

export function envValue(
  container: Container | undefined,
  name: string,
): string | undefined {
  return container?.env?.find(e => e.name === name)?.value;
}

export function hasEnv(
  container: Container | undefined,
  name: string,
): boolean {
  return Boolean(container?.env?.some(e => e.name === name));
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** Containers the webhook mutates: every container and init container not in `skip`. */
export function mutatedContainers(spec: PodSpec, skip: string[]): Container[] {
  return allContainers(spec).filter(c => !skip.includes(c.name));
}

export function joinPath(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, '')}/${file.replace(/^\/+/, '')}`.replace(
    /\/{2,}/g,
    '/',
  );
}

/**
 * The projected service-account token mounts of a container meant for another audience than
 * the API server, found by content (a projected `serviceAccountToken` source with an audience),
 * never by volume name or path: v1.5 and v1.6 differ in both. The API server's own token
 * (`kube-api-access-*`, no audience) is in every pod and is never the one for Entra ID.
 */
export function tokenMounts(spec: PodSpec, container: Container): TokenMount[] {
  const mounts: TokenMount[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = spec.volumes?.find(v => v.name === mount.name);
    for (const source of volume?.projected?.sources ?? []) {
      const projection = source.serviceAccountToken;
      if (!projection?.audience) continue;
      mounts.push({
        volumeName: mount.name,
        mountPath: mount.mountPath,
        projection,
        filePath: joinPath(mount.mountPath, projection.path),
      });
    }
  }
  return mounts;
}

/** Volumes of the pod with a projected service-account token of the given audience. */
export function tokenVolumeNames(spec: PodSpec, audience: string): string[] {
  return (spec.volumes ?? [])
    .filter(v =>
      v.projected?.sources.some(
        s =>
          s.serviceAccountToken &&
          (s.serviceAccountToken.audience ?? '') === audience,
      ),
    )
    .map(v => v.name);
}

/**
 * `A`, the binding's audience: the audience of the token the main container reads, else of the token with the
 * exchange audience, else the webhook's default.
 */
export function tokenAudience(
  spec: PodSpec | undefined,
  main: Container | undefined,
): string {
  if (!spec || !main) return TOKEN_EXCHANGE_AUDIENCE;
  const file = envValue(main, 'AZURE_FEDERATED_TOKEN_FILE');
  const mounts = tokenMounts(spec, main);
  const read = file
    ? mounts.find(m => file.startsWith(m.mountPath))
    : undefined;
  if (read?.projection.audience) return read.projection.audience;
  return TOKEN_EXCHANGE_AUDIENCE;
}
