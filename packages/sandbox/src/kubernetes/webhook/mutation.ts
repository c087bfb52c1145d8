import { createHash } from 'node:crypto';
import { KubeObject } from '../types';

/** Names and values of azure-workload-identity (pkg/webhook/consts.go). */
export const WI = {
  useLabel: 'azure.workload.identity/use',
  clientIdAnnotation: 'azure.workload.identity/client-id',
  tenantIdAnnotation: 'azure.workload.identity/tenant-id',
  expirationAnnotation:
    'azure.workload.identity/service-account-token-expiration',
  skipContainersAnnotation: 'azure.workload.identity/skip-containers',
  audience: 'api://AzureADTokenExchange',
  webhookName: 'mutation.azure-workload-identity.io',
  configName: 'azure-wi-webhook-mutating-webhook-configuration',
  deploymentName: 'azure-wi-webhook-controller-manager',
  serviceName: 'azure-wi-webhook-webhook-service',
  configMapName: 'azure-wi-webhook-config',
  publicAuthorityHost: 'https://login.microsoftonline.com/',
  minExpiration: 3600,
  maxExpiration: 86400,
} as const;

export interface WebhookSettings {
  /** Major.minor of the webhook image: paths and volume name changed in 1.6. */
  version: { major: number; minor: number };
  /** `AZURE_TENANT_ID` of the webhook's config, used when the SA has no tenant-id annotation. */
  tenantId: string;
  authorityHost: string;
}

/** A refusal the webhook answers with (HTTP 400 from the webhook, shown by the apiserver). */
export class WebhookDenial extends Error {}

export function tokenPaths(
  version: WebhookSettings['version'],
  podName: string,
) {
  if (version.major > 1 || (version.major === 1 && version.minor >= 6)) {
    const hash = createHash('sha256')
      .update(podName)
      .digest('hex')
      .slice(0, 30);
    return {
      volumeName: `azure-workload-identity-reserved-${hash}`,
      mountPath: '/var/run/secrets/azure/wi',
      path: 'token/azure-identity-token',
    };
  }
  return {
    volumeName: 'azure-identity-token',
    mountPath: '/var/run/secrets/azure/tokens',
    path: 'azure-identity-token',
  };
}

/**
 * What the webhook does to a pod it intercepts (v1.5/v1.6 behaviour): env vars
 * on every container and init container not skipped, only when absent and
 * non-empty; a projected service-account token volume and its mount. Throws
 * WebhookDenial for an invalid token expiration, as the webhook refuses it.
 */
export function mutatePod(
  pod: KubeObject,
  serviceAccount: KubeObject,
  settings: WebhookSettings,
): KubeObject {
  const out = structuredClone(pod);
  const saAnnotations = serviceAccount.metadata.annotations ?? {};
  const podAnnotations = out.metadata.annotations ?? {};
  const expiration = tokenExpiration(
    podAnnotations[WI.expirationAnnotation] ??
      saAnnotations[WI.expirationAnnotation],
  );
  const skip = new Set(
    (podAnnotations[WI.skipContainersAnnotation] ?? '')
      .split(';')
      .map((s: string) => s.trim())
      .filter(Boolean),
  );
  const clientId = (saAnnotations[WI.clientIdAnnotation] ?? '').trim();
  const tenantId =
    WI.tenantIdAnnotation in saAnnotations
      ? saAnnotations[WI.tenantIdAnnotation].trim()
      : settings.tenantId;
  const paths = tokenPaths(settings.version, out.metadata.name);
  const tokenFile = `${paths.mountPath}/${paths.path}`;
  const wanted: Array<[string, string]> = [
    ['AZURE_CLIENT_ID', clientId],
    ['AZURE_TENANT_ID', tenantId],
    ['AZURE_FEDERATED_TOKEN_FILE', tokenFile],
    ['AZURE_AUTHORITY_HOST', settings.authorityHost],
  ];
  const mutateContainer = (container: any) => {
    if (skip.has(container.name)) return container;
    const env: any[] = [...(container.env ?? [])];
    for (const [name, value] of wanted)
      if (value && !env.some(e => e.name === name)) env.push({ name, value });
    const mounts: any[] = [...(container.volumeMounts ?? [])];
    if (!mounts.some(m => m.name === paths.volumeName))
      mounts.push({
        name: paths.volumeName,
        readOnly: true,
        mountPath: paths.mountPath,
      });
    return { ...container, env, volumeMounts: mounts };
  };
  out.spec.initContainers = out.spec.initContainers?.map(mutateContainer);
  if (!out.spec.initContainers) delete out.spec.initContainers;
  out.spec.containers = out.spec.containers.map(mutateContainer);
  const volumes: any[] = [...(out.spec.volumes ?? [])];
  if (!volumes.some(v => v.name === paths.volumeName))
    volumes.push({
      name: paths.volumeName,
      projected: {
        sources: [
          {
            serviceAccountToken: {
              path: paths.path,
              expirationSeconds: expiration,
              audience: WI.audience,
            },
          },
        ],
        defaultMode: 420,
      },
    });
  out.spec.volumes = volumes;
  return out;
}

function tokenExpiration(value: string | undefined): number {
  if (value === undefined) return WI.minExpiration;
  if (!/^-?\d+$/.test(value.trim()))
    throw new WebhookDenial(
      `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  const n = Number(value.trim());
  if (n < WI.minExpiration || n > WI.maxExpiration)
    throw new WebhookDenial(
      `token expiration ${n} not valid. Expected value to be between ${WI.minExpiration} and ${WI.maxExpiration}`,
    );
  return n;
}
