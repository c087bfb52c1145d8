import { KubeObject } from '../types';

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: string;
  priority?: number;
  description?: string;
  cell(o: KubeObject, now: number): string | number;
}

/** `duration.HumanDuration` of apimachinery: what the AGE column shows. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8)
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${hours / 24}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8)
    return days % 365 === 0
      ? `${days / 365}y`
      : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

const name: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  cell: o => o.metadata.name,
};
const age: Column = {
  name: 'Age',
  type: 'string',
  cell: (o, now) =>
    humanDuration(
      now -
        Date.parse(o.metadata.creationTimestamp ?? new Date(now).toISOString()),
    ),
};
const col = (
  n: string,
  cell: Column['cell'],
  extra: Partial<Column> = {},
): Column => ({ name: n, type: 'string', cell, ...extra });
const containersOf = (o: KubeObject) =>
  (o.spec?.template?.spec?.containers ?? []) as Array<{
    name: string;
    image: string;
  }>;
const selectorText = (sel: any) =>
  Object.entries(sel?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (o.status?.containerStatuses ?? []).find(
    (c: any) => c.state?.waiting,
  )?.state?.waiting?.reason;
  return waiting ?? o.status?.reason ?? o.status?.phase ?? 'Pending';
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    col('Ready', o => {
      const statuses = o.status?.containerStatuses ?? [];
      return `${statuses.filter((c: any) => c.ready).length}/${
        (o.spec?.containers ?? []).length
      }`;
    }),
    col('Status', podStatus),
    col(
      'Restarts',
      o =>
        (o.status?.containerStatuses ?? []).reduce(
          (n: number, c: any) => n + (c.restartCount ?? 0),
          0,
        ),
      { type: 'integer' },
    ),
    age,
    col('IP', o => o.status?.podIP ?? '<none>', { priority: 1 }),
    col('Node', o => o.spec?.nodeName ?? '<none>', { priority: 1 }),
    col('Nominated Node', () => '<none>', { priority: 1 }),
    col('Readiness Gates', () => '<none>', { priority: 1 }),
  ],
  Deployment: [
    name,
    col(
      'Ready',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
    ),
    col('Up-to-date', o => o.status?.updatedReplicas ?? 0, { type: 'integer' }),
    col('Available', o => o.status?.availableReplicas ?? 0, {
      type: 'integer',
    }),
    age,
    col(
      'Containers',
      o =>
        containersOf(o)
          .map(c => c.name)
          .join(','),
      { priority: 1 },
    ),
    col(
      'Images',
      o =>
        containersOf(o)
          .map(c => c.image)
          .join(','),
      { priority: 1 },
    ),
    col('Selector', o => selectorText(o.spec?.selector), { priority: 1 }),
  ],
  ReplicaSet: [
    name,
    col('Desired', o => o.spec?.replicas ?? 0, { type: 'integer' }),
    col('Current', o => o.status?.replicas ?? 0, { type: 'integer' }),
    col('Ready', o => o.status?.readyReplicas ?? 0, { type: 'integer' }),
    age,
    col(
      'Containers',
      o =>
        containersOf(o)
          .map(c => c.name)
          .join(','),
      { priority: 1 },
    ),
    col(
      'Images',
      o =>
        containersOf(o)
          .map(c => c.image)
          .join(','),
      { priority: 1 },
    ),
    col('Selector', o => selectorText(o.spec?.selector), { priority: 1 }),
  ],
  ServiceAccount: [
    name,
    col('Secrets', o => (o.secrets ?? []).length, { type: 'integer' }),
    age,
  ],
  Namespace: [name, col('Status', o => o.status?.phase ?? 'Active'), age],
  Secret: [
    name,
    col('Type', o => o.type ?? 'Opaque'),
    col('Data', o => Object.keys(o.data ?? {}).length, { type: 'integer' }),
    age,
  ],
  ConfigMap: [
    name,
    col(
      'Data',
      o =>
        Object.keys(o.data ?? {}).length +
        Object.keys(o.binaryData ?? {}).length,
      { type: 'integer' },
    ),
    age,
  ],
  Service: [
    name,
    col('Type', o => o.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', o => o.spec?.clusterIP ?? '<none>'),
    col('External-IP', () => '<none>'),
    col(
      'Port(s)',
      o =>
        (o.spec?.ports ?? [])
          .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
    ),
    age,
    col(
      'Selector',
      o =>
        Object.entries(o.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
      { priority: 1 },
    ),
  ],
  Event: [
    col('Last Seen', (o, now) =>
      humanDuration(
        now -
          Date.parse(
            o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp,
          ),
      ),
    ),
    col('Type', o => o.type ?? 'Normal'),
    col('Reason', o => o.reason ?? ''),
    col(
      'Object',
      o =>
        `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${
          o.involvedObject?.name ?? ''
        }`,
    ),
    col('Message', o => o.message ?? ''),
  ],
  MutatingWebhookConfiguration: [
    name,
    col('Webhooks', o => (o.webhooks ?? []).length, { type: 'integer' }),
    age,
  ],
  ValidatingWebhookConfiguration: [
    name,
    col('Webhooks', o => (o.webhooks ?? []).length, { type: 'integer' }),
    age,
  ],
  // pkg/printers/internalversion/printers.go
  ValidatingAdmissionPolicy: [
    name,
    col('Validations', o => (o.spec?.validations ?? []).length, {
      type: 'integer',
    }),
    col('ParamKind', o =>
      o.spec?.paramKind
        ? `${o.spec.paramKind.apiVersion}/${o.spec.paramKind.kind}`
        : '<unset>',
    ),
    age,
  ],
  ValidatingAdmissionPolicyBinding: [
    name,
    col('PolicyName', o => o.spec?.policyName ?? ''),
    col('ParamRef', o => paramRefText(o.spec?.paramRef)),
    age,
  ],
};

function paramRefText(ref: any): string {
  if (ref?.name) return `${ref.namespace || '*'}/${ref.name}`;
  if (ref?.selector) return selectorText(ref.selector) || '<selector>';
  return '<unset>';
}

/**
 * The server-side table kubectl asks for (`Accept: ...;as=Table;g=meta.k8s.io`),
 * with the columns kube-apiserver prints for these kinds.
 */
export function toTable(
  kind: string,
  objects: KubeObject[],
  options: {
    now: number;
    resourceVersion: string;
    includeObject?: string | null;
  },
) {
  const columns = COLUMNS[kind] ?? [name, age];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? c.name,
      priority: c.priority ?? 0,
    })),
    rows: objects.map(o => ({
      cells: columns.map(c => c.cell(o, options.now)),
      ...(options.includeObject === 'None'
        ? {}
        : {
            object:
              options.includeObject === 'Object'
                ? o
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: o.metadata,
                  },
          }),
    })),
  };
}
