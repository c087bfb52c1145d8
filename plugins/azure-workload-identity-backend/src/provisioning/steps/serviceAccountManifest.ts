import { stringify } from 'yaml';

/**
 * The ServiceAccount as a manifest, for clusters the portal may not write to (GitOps): the
 * team commits it to the repository their cluster syncs from.
 */
export function serviceAccountManifest(options: {
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
      annotations: options.annotations,
    },
  });
}
