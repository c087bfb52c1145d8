import {
  GRANTS_CONFIGMAP,
  GUARDRAIL_NAMESPACE,
  grantKey,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from './guardrailNames';
import { GuardrailObject } from './kubernetesObjects';

/** One binding the portal granted on a cluster: this namespace's service account may name this client id. */
export interface Grant {
  namespace: string;
  serviceAccount: string;
  clientId: string;
  /** The request that granted it; the ConfigMap's value, so a person can trace it back. */
  requestId: string;
}

/** The key a provisioned service account has in the grants ConfigMap. */
export function serviceAccountKey(namespace: string, name: string): string {
  return `sa.${namespace}.${name}`;
}

/** The data of the grants ConfigMap: one key per client id and one per service account. */
export function grantsData(grants: readonly Grant[]): Record<string, string> {
  const data: Record<string, string> = {};
  const sorted = [...grants].sort((a, b) =>
    a.requestId.localeCompare(b.requestId),
  );
  for (const grant of sorted) {
    data[grantKey(grant.namespace, grant.clientId)] ??= grant.requestId;
    data[serviceAccountKey(grant.namespace, grant.serviceAccount)] ??=
      grant.requestId;
  }
  return data;
}

export function grantsConfigMap(grants: readonly Grant[]): GuardrailObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: GRANTS_CONFIGMAP,
      namespace: GUARDRAIL_NAMESPACE,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
    },
    data: grantsData(grants),
  };
}
