import type { KubeObject } from '../../types';
import type {
  AdmissionAttributes,
  Operation,
  ParamKind,
  ParamScope,
  ParamSource,
} from '../types';

/** Attributes of a request on a core/v1 namespaced object, as kube-apiserver fills them. */
export function coreRequest(options: {
  operation: Operation;
  resource: string;
  kind: string;
  object?: KubeObject | null;
  oldObject?: KubeObject | null;
  namespace?: string;
  username?: string;
}): AdmissionAttributes {
  const subject = options.object ?? options.oldObject;
  return {
    operation: options.operation,
    resource: { group: '', version: 'v1', resource: options.resource },
    kind: { group: '', version: 'v1', kind: options.kind },
    namespace: options.namespace ?? subject?.metadata.namespace,
    name: subject?.metadata.name,
    object: options.object ?? null,
    oldObject: options.oldObject ?? null,
    userInfo: {
      username: options.username ?? 'dev@contoso.example',
      groups: ['system:authenticated'],
    },
  };
}

export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function serviceAccount(options: {
  name: string;
  namespace: string;
  clientId?: string;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      ...(options.clientId
        ? {
            annotations: {
              'azure.workload.identity/client-id': options.clientId,
            },
          }
        : {}),
    },
  };
}

export function pod(options: {
  name: string;
  namespace: string;
  serviceAccountName?: string;
  labels?: Record<string, string>;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels ?? {},
    },
    spec: {
      ...(options.serviceAccountName !== undefined
        ? { serviceAccountName: options.serviceAccountName }
        : {}),
      containers: [{ name: 'app', image: 'contoso.azurecr.io/app:1.0' }],
    },
  };
}

/** A ParamSource over a fixed set of objects; kinds not listed are unknown to the "server". */
export class FakeParamSource implements ParamSource {
  readonly queries: Array<{ kind: ParamKind; namespace?: string }> = [];

  constructor(
    private readonly objects: KubeObject[],
    private readonly scopes: Record<string, ParamScope> = {
      'v1/ConfigMap': 'Namespaced',
    },
  ) {}

  scopeOf(kind: ParamKind): ParamScope | undefined {
    return this.scopes[`${kind.apiVersion}/${kind.kind}`];
  }

  list(kind: ParamKind, namespace?: string): KubeObject[] {
    this.queries.push({ kind, namespace });
    return this.objects.filter(
      o =>
        o.apiVersion === kind.apiVersion &&
        o.kind === kind.kind &&
        (namespace === undefined || o.metadata.namespace === namespace),
    );
  }
}
