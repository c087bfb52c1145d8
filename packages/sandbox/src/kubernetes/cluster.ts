import { createHash, randomBytes } from 'node:crypto';
import { ClusterIssuer } from '../oidc';
import {
  AAD_POD_IDENTITY_RESOURCES,
  apiVersionOf,
  CORE_RESOURCES,
  ResourceCatalog,
  ResourceType,
} from './api/resources';
import {
  admissionForbidden,
  alreadyExists,
  badRequest,
  conflict,
  internalError,
  invalid,
  notFound,
  StatusError,
} from './api/status';
import { jsonPatch, mergePatch, strategicMergePatch } from './api/patch';
import {
  fromLabelSelector,
  matchesFields,
  matchesLabels,
  parseLabelSelector,
} from './api/selectors';
import { bootstrapObjects } from './bootstrap';
import { defaultObject } from './defaults';
import { EventRecorder } from './events';
import { FaultRules } from './faults';
import { RbacAuthorizer } from './rbac';
import { isoSeconds, ObjectStore } from './store';
import { KubeObject, UserInfo } from './types';
import { validateObject } from './validation';
import { runPodWebhooks } from './webhook/admission';
import { WI } from './webhook/mutation';

export interface KubernetesClusterOptions {
  name: string;
  tenantId: string;
  issuer: ClusterIssuer;
  /** Injected as AZURE_AUTHORITY_HOST by the webhook: the Entra twin's URL. */
  authorityHost?: string;
  /** Serve aad-pod-identity's CRDs (a cluster still migrating from it). */
  aadPodIdentity?: boolean;
  /** Install the workload identity webhook (the AKS add-on) at bootstrap. Default true. */
  workloadIdentityWebhook?: boolean;
  kubernetesVersion?: string;
  /** Bearer tokens of the three built-in users. */
  tokens: { admin: string; reader: string; provisioner: string };
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface WriteOptions {
  dryRun?: boolean;
  /** Acting user, for audit-like fields; the HTTP layer authorizes before calling. */
  user?: UserInfo;
}

export const USERS = {
  admin: {
    username: 'sandbox-admin',
    groups: ['system:masters', 'system:authenticated'],
  },
  reader: {
    username: 'system:serviceaccount:backstage-system:backstage-reader',
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:backstage-system',
      'system:authenticated',
    ],
  },
  provisioner: {
    username: 'system:serviceaccount:backstage-system:backstage-provisioner',
    groups: [
      'system:serviceaccounts',
      'system:serviceaccounts:backstage-system',
      'system:authenticated',
    ],
  },
} as const;

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const safeEncode = (bytes: Buffer, length: number) =>
  [...bytes.subarray(0, length)]
    .map(b => HASH_ALPHABET[b % HASH_ALPHABET.length])
    .join('');

/**
 * One AKS cluster's Kubernetes API: the objects, admission (defaults,
 * validation, the ServiceAccount plugin, the workload identity webhook),
 * the controllers that matter here (deployment → replica set → pods, garbage
 * collection, namespace defaults) and the service-account token issuer.
 * Every write, from kubectl or from seeding code, goes through the same path.
 */
export class KubernetesCluster {
  readonly name: string;
  readonly tenantId: string;
  readonly issuer: ClusterIssuer;
  readonly catalog: ResourceCatalog;
  readonly store: ObjectStore;
  readonly authorizer: RbacAuthorizer;
  readonly faults = new FaultRules();
  readonly kubernetesVersion: string;
  readonly tokens: KubernetesClusterOptions['tokens'];
  /** Offset of this cluster's clock for issued tokens (a skewed node clock). */
  clockOffsetSeconds = 0;
  /** Set by the twin once its API server listens. */
  url = '';
  private readonly events: EventRecorder;
  private clockOverride?: number;
  private ipCounter = 10;

  private readonly options: KubernetesClusterOptions;

  constructor(options: KubernetesClusterOptions) {
    this.options = { ...options };
    this.name = options.name;
    this.tenantId = options.tenantId;
    this.issuer = options.issuer;
    this.tokens = options.tokens;
    this.kubernetesVersion = options.kubernetesVersion ?? '1.31.2';
    this.catalog = new ResourceCatalog([
      ...CORE_RESOURCES,
      ...(options.aadPodIdentity ? AAD_POD_IDENTITY_RESOURCES : []),
    ]);
    this.store = new ObjectStore(() => this.now());
    this.authorizer = new RbacAuthorizer(this.store, this.catalog);
    this.events = new EventRecorder(this.store, this.type('v1', 'Event'), () =>
      this.now(),
    );
    this.bootstrap();
  }

  get authorityHost(): string {
    return this.options.authorityHost ?? 'https://login.microsoftonline.com/';
  }

  /** Points the webhook's config at another authority host (kept across resets). */
  setAuthorityHost(url: string): void {
    this.options.authorityHost = url;
    for (const cm of this.list(this.type('v1', 'ConfigMap')).filter(
      c => c.metadata.name === WI.configMapName,
    ))
      this.patch(
        this.type('v1', 'ConfigMap'),
        cm.metadata.namespace,
        cm.metadata.name,
        'merge',
        { data: { AZURE_AUTHORITY_HOST: url } },
      );
  }

  now(): number {
    return this.clockOverride ?? Date.now();
  }

  /** Runs `fn` with the cluster clock set to `at` (seeding objects "created days ago"). */
  at<T>(at: number, fn: () => T): T {
    const previous = this.clockOverride;
    this.clockOverride = at;
    try {
      return fn();
    } finally {
      this.clockOverride = previous;
    }
  }

  /** Empties the cluster back to a fresh AKS cluster (system namespaces, RBAC, webhook). */
  reset(): void {
    this.store.clear();
    this.faults.clear();
    this.clockOffsetSeconds = 0;
    if (!this.options.aadPodIdentity) this.uninstallAadPodIdentity();
    this.bootstrap();
  }

  /**
   * Installs aad-pod-identity's CRDs, as its Helm chart does on a cluster that still runs it
   * (or starts migrating from it); `reset` takes them away again unless the cluster had them.
   */
  installAadPodIdentity(): void {
    for (const type of AAD_POD_IDENTITY_RESOURCES)
      if (!this.catalog.find(type.group, type.version, type.resource))
        this.catalog.types.push(type);
  }

  private uninstallAadPodIdentity(): void {
    const kept = this.catalog.types.filter(
      type => !AAD_POD_IDENTITY_RESOURCES.includes(type),
    );
    this.catalog.types.splice(0, this.catalog.types.length, ...kept);
  }

  private bootstrap(): void {
    for (const object of bootstrapObjects({
      tenantId: this.tenantId,
      authorityHost: this.authorityHost,
      webhook: this.options.workloadIdentityWebhook ?? true,
    }))
      this.create(object);
  }

  /**
   * Checks an Entra ID token for the AKS AAD server application, as a cluster with Entra ID
   * integration does; set once the Azure half runs (it holds the signing key).
   */
  entraTokens?: (token: string) => UserInfo | undefined;

  authenticate(token: string | undefined): UserInfo | undefined {
    if (!token) return undefined;
    const fromEntra = token.startsWith('eyJ')
      ? this.entraTokens?.(token)
      : undefined;
    if (fromEntra) return fromEntra;
    if (token === this.tokens.admin)
      return { ...USERS.admin, groups: [...USERS.admin.groups] };
    if (token === this.tokens.reader)
      return { ...USERS.reader, groups: [...USERS.reader.groups] };
    if (token === this.tokens.provisioner)
      return { ...USERS.provisioner, groups: [...USERS.provisioner.groups] };
    return undefined;
  }

  type(apiVersion: string, kind: string): ResourceType {
    const found = this.catalog.byKind(apiVersion, kind);
    if (!found)
      throw badRequest(
        `no matches for kind "${kind}" in version "${apiVersion}"`,
      );
    return found;
  }

  // ---- reads -------------------------------------------------------------------------------

  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const found = this.store.get(rt, namespace, name);
    if (!found) throw notFound(rt.resource, rt.group, name);
    return withKind(rt, found);
  }

  find(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const rt = this.type(apiVersion, kind);
    const found = this.store.get(rt, namespace, name);
    return found ? withKind(rt, found) : undefined;
  }

  list(
    rt: ResourceType,
    options: {
      namespace?: string;
      labelSelector?: string | null;
      fieldSelector?: string | null;
    } = {},
  ): KubeObject[] {
    const labels = parseLabelSelector(options.labelSelector);
    return this.store
      .list(rt, options.namespace)
      .map(o => withKind(rt, o))
      .filter(
        o =>
          matchesLabels(o.metadata.labels, labels) &&
          matchesFields(o, options.fieldSelector),
      );
  }

  // ---- writes ------------------------------------------------------------------------------

  create(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const rt = this.type(object.apiVersion, object.kind);
    let o = structuredClone(object);
    o.metadata = { ...o.metadata };
    if (rt.namespaced) o.metadata.namespace = o.metadata.namespace || 'default';
    else delete o.metadata.namespace;
    for (const field of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'generation',
      'deletionTimestamp',
      'managedFields',
    ])
      delete o.metadata[field];
    if (!o.metadata.name && o.metadata.generateName)
      o.metadata.name = `${o.metadata.generateName}${safeEncode(
        randomBytes(5),
        5,
      )}`;
    const causes = validateObject(o);
    if (causes.length)
      throw invalid(o.kind, rt.group, o.metadata.name ?? '', causes);
    if (rt.namespaced) {
      const ns = this.store.get(
        this.type('v1', 'Namespace'),
        undefined,
        o.metadata.namespace!,
      );
      if (!ns) throw notFound('namespaces', '', o.metadata.namespace!);
      if (ns.metadata.deletionTimestamp)
        throw new StatusError(
          403,
          'Forbidden',
          `${rt.resource} "${o.metadata.name}" is forbidden: unable to create new content in namespace ${o.metadata.namespace} because it is being terminated`,
        );
    }
    if (this.store.get(rt, o.metadata.namespace, o.metadata.name))
      throw alreadyExists(rt.resource, rt.group, o.metadata.name);
    o = defaultObject(o);
    if (o.kind === 'Pod') o = this.admitPod(o);
    if (options.dryRun)
      return withKind(rt, {
        ...o,
        metadata: {
          ...o.metadata,
          uid: 'dry-run',
          creationTimestamp: isoSeconds(this.now()),
        },
      });
    const stored = this.store.create(rt, o);
    this.afterCreate(rt, stored);
    return withKind(
      rt,
      this.store.get(rt, stored.metadata.namespace, stored.metadata.name) ??
        stored,
    );
  }

  /** PUT: replaces the object; a stale resourceVersion is a Conflict. */
  replace(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const rt = this.type(object.apiVersion, object.kind);
    const namespace = rt.namespaced
      ? object.metadata.namespace || 'default'
      : undefined;
    const current = this.store.get(rt, namespace, object.metadata.name);
    if (!current) throw notFound(rt.resource, rt.group, object.metadata.name);
    if (
      object.metadata.resourceVersion &&
      object.metadata.resourceVersion !== current.metadata.resourceVersion
    )
      throw conflict(rt.resource, rt.group, object.metadata.name);
    let o = structuredClone(object);
    o.metadata = {
      ...o.metadata,
      namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
    };
    if (!rt.namespaced) delete o.metadata.namespace;
    // Status is owned by controllers; a client's copy of it is ignored, as for the main resource in Kubernetes.
    if ('status' in current && !['Namespace'].includes(rt.kind))
      o.status = current.status;
    const causes = validateObject(o);
    if (causes.length) throw invalid(o.kind, rt.group, o.metadata.name, causes);
    const immutable = this.immutableFieldErrors(rt, current, o);
    if (immutable) throw immutable;
    o = defaultObject(o);
    if (options.dryRun) return withKind(rt, o);
    const stored = this.store.update(rt, o);
    this.afterUpdate(rt, current, stored);
    return withKind(
      rt,
      this.store.get(rt, stored.metadata.namespace, stored.metadata.name) ??
        stored,
    );
  }

  patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const current = this.store.get(rt, namespace, name);
    if (!current) {
      if (type === 'apply')
        return this.create(
          {
            ...(body as KubeObject),
            metadata: { ...(body as KubeObject).metadata, name, namespace },
          },
          options,
        );
      throw notFound(rt.resource, rt.group, name);
    }
    const base = withKind(rt, current);
    let patched: KubeObject;
    if (type === 'json') patched = jsonPatch(base, body);
    else if (type === 'strategic') patched = strategicMergePatch(base, body);
    else patched = mergePatch(base, body);
    patched.metadata = {
      ...patched.metadata,
      name,
      ...(rt.namespaced ? { namespace } : {}),
    };
    // A patch applies to what it read: keep the current resourceVersion unless the patch set one.
    const patchRv = (body as any)?.metadata?.resourceVersion;
    patched.metadata.resourceVersion =
      patchRv ?? current.metadata.resourceVersion;
    return this.replace(patched, options);
  }

  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: WriteOptions = {},
  ): KubeObject {
    const current = this.store.get(rt, namespace, name);
    if (!current) throw notFound(rt.resource, rt.group, name);
    if (options.dryRun) return withKind(rt, current);
    this.deleteCascade(rt, current);
    return withKind(rt, current);
  }

  // ---- seeding helpers ---------------------------------------------------------------------

  /** Creates the object, or updates it in place when it exists (seeding; like `kubectl apply`). */
  apply(object: KubeObject): KubeObject {
    const rt = this.type(object.apiVersion, object.kind);
    const namespace = rt.namespaced
      ? object.metadata.namespace || 'default'
      : undefined;
    const current = this.store.get(rt, namespace, object.metadata.name);
    if (!current) return this.create(object);
    const { metadata, ...rest } = object;
    return this.replace({
      ...rest,
      metadata: {
        ...metadata,
        namespace,
        resourceVersion: current.metadata.resourceVersion,
      },
    } as KubeObject);
  }

  /** Pods owned (through a replica set) by a deployment, oldest first. */
  podsOfDeployment(namespace: string, deployment: string): KubeObject[] {
    const d = this.find('apps/v1', 'Deployment', namespace, deployment);
    if (!d) return [];
    const rsUids = new Set(
      this.list(this.type('apps/v1', 'ReplicaSet'), { namespace })
        .filter(rs => isOwnedBy(rs, d))
        .map(rs => rs.metadata.uid),
    );
    return this.list(this.type('v1', 'Pod'), { namespace })
      .filter(p =>
        (p.metadata.ownerReferences ?? []).some(r => rsUids.has(r.uid)),
      )
      .sort((a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(
          b.metadata.creationTimestamp ?? '',
        ),
      );
  }

  /** `kubectl rollout restart`: a new template annotation, hence new pods. */
  restartDeployment(namespace: string, name: string): KubeObject {
    return this.patch(
      this.type('apps/v1', 'Deployment'),
      namespace,
      name,
      'strategic',
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': new Date(
                  this.now(),
                ).toISOString(),
              },
            },
          },
        },
      },
    );
  }

  /**
   * A TokenRequest: a service-account JWT signed with the cluster's key. The
   * clock offset applies here, which is how clock skew is staged.
   */
  requestToken(
    namespace: string,
    serviceAccount: string,
    spec: {
      audiences?: string[];
      expirationSeconds?: number;
      pod?: { name: string; uid: string };
    } = {},
  ) {
    const sa = this.get(
      this.type('v1', 'ServiceAccount'),
      namespace,
      serviceAccount,
    );
    const expirationSeconds = spec.expirationSeconds ?? 3600;
    if (expirationSeconds < 600)
      throw invalid('TokenRequest', 'authentication.k8s.io', serviceAccount, [
        {
          field: 'spec.expirationSeconds',
          message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
        },
      ]);
    const audiences = spec.audiences?.length
      ? spec.audiences
      : [this.apiAudience];
    const issued = this.issuer.issue({
      namespace,
      serviceAccount: { name: sa.metadata.name, uid: sa.metadata.uid! },
      audiences,
      expirationSeconds,
      pod: spec.pod,
      node: spec.pod ? { name: this.nodeName, uid: this.nodeUid } : undefined,
      now: this.now() + this.clockOffsetSeconds * 1000,
    });
    return {
      token: issued.token,
      expirationTimestamp: isoSeconds(issued.expiresAt),
      audiences,
      expirationSeconds,
    };
  }

  /** The API server's own audience (AKS: its FQDN; here the conventional in-cluster name). */
  get apiAudience(): string {
    return 'https://kubernetes.default.svc.cluster.local';
  }

  get nodeName(): string {
    const digits = createHash('sha256')
      .update(this.name)
      .digest('hex')
      .replace(/[a-f]/g, '')
      .slice(0, 8)
      .padEnd(8, '0');
    return `aks-nodepool1-${digits}-vmss000000`;
  }

  private get nodeUid(): string {
    const h = createHash('sha256').update(`node:${this.name}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
      16,
      20,
    )}-${h.slice(20, 32)}`;
  }

  // ---- admission ---------------------------------------------------------------------------

  private admitPod(pod: KubeObject): KubeObject {
    const ns = pod.metadata.namespace!;
    const saName = pod.spec.serviceAccountName;
    const sa = this.store.get(this.type('v1', 'ServiceAccount'), ns, saName);
    if (!sa)
      throw admissionForbidden(
        'pods',
        pod.metadata.name,
        `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`,
      );
    let out = this.mountServiceAccountToken(pod, sa);
    out = runPodWebhooks(this, out, sa);
    return this.schedule(out);
  }

  /** The ServiceAccount admission plugin: the `kube-api-access-*` projected volume. */
  private mountServiceAccountToken(
    pod: KubeObject,
    sa: KubeObject,
  ): KubeObject {
    if (
      pod.spec.automountServiceAccountToken === false ||
      (sa.automountServiceAccountToken === false &&
        pod.spec.automountServiceAccountToken === undefined)
    )
      return pod;
    if (
      (pod.spec.containers ?? []).some((c: any) =>
        (c.volumeMounts ?? []).some(
          (m: any) =>
            m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount',
        ),
      )
    )
      return pod;
    const out = structuredClone(pod);
    const name = `kube-api-access-${safeEncode(randomBytes(5), 5)}`;
    out.spec.volumes = [
      ...(out.spec.volumes ?? []),
      {
        name,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            {
              configMap: {
                name: 'kube-root-ca.crt',
                items: [{ key: 'ca.crt', path: 'ca.crt' }],
              },
            },
            {
              downwardAPI: {
                items: [
                  {
                    path: 'namespace',
                    fieldRef: {
                      apiVersion: 'v1',
                      fieldPath: 'metadata.namespace',
                    },
                  },
                ],
              },
            },
          ],
          defaultMode: 420,
        },
      },
    ];
    const mount = {
      name,
      readOnly: true,
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    };
    out.spec.containers = out.spec.containers.map((c: any) => ({
      ...c,
      volumeMounts: [...(c.volumeMounts ?? []), mount],
    }));
    if (out.spec.initContainers)
      out.spec.initContainers = out.spec.initContainers.map((c: any) => ({
        ...c,
        volumeMounts: [...(c.volumeMounts ?? []), mount],
      }));
    return out;
  }

  /** The scheduler and kubelet in one step: the pod runs and is ready at once. */
  private schedule(pod: KubeObject): KubeObject {
    const at = isoSeconds(this.now());
    const ip = `10.244.0.${this.ipCounter++ % 250}`;
    const cond = (type: string) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: at,
    });
    const containerStatus = (c: any) => ({
      name: c.name,
      state: { running: { startedAt: at } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${createHash('sha256')
        .update(c.image)
        .digest('hex')}`,
      containerID: `containerd://${randomBytes(32).toString('hex')}`,
      started: true,
    });
    return {
      ...pod,
      spec: { ...pod.spec, nodeName: this.nodeName },
      status: {
        phase: 'Running',
        conditions: [
          'PodReadyToStartContainers',
          'Initialized',
          'Ready',
          'ContainersReady',
          'PodScheduled',
        ].map(cond),
        hostIP: '10.224.0.4',
        hostIPs: [{ ip: '10.224.0.4' }],
        podIP: ip,
        podIPs: [{ ip }],
        startTime: at,
        ...(pod.spec.initContainers
          ? {
              initContainerStatuses: pod.spec.initContainers.map((c: any) => ({
                ...containerStatus(c),
                state: {
                  terminated: {
                    exitCode: 0,
                    reason: 'Completed',
                    startedAt: at,
                    finishedAt: at,
                  },
                },
                ready: true,
                started: false,
              })),
            }
          : {}),
        containerStatuses: pod.spec.containers.map(containerStatus),
        qosClass: 'BestEffort',
      },
    };
  }

  private immutableFieldErrors(
    rt: ResourceType,
    current: KubeObject,
    next: KubeObject,
  ): StatusError | undefined {
    if (rt.kind === 'Pod') {
      // Pod specs are immutable except a few fields: annotations and labels change, the spec does not.
      const strip = (s: any) =>
        JSON.stringify({
          ...s,
          containers: s.containers?.map((c: any) => ({
            ...c,
            image: undefined,
          })),
        });
      if (strip(defaultObject(next).spec) !== strip(current.spec))
        return invalid('Pod', '', next.metadata.name, [
          {
            field: 'spec',
            reason: 'FieldValueForbidden',
            message:
              'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          },
        ]);
    }
    if (
      (rt.kind === 'Deployment' || rt.kind === 'ReplicaSet') &&
      JSON.stringify(current.spec.selector) !==
        JSON.stringify(next.spec?.selector)
    )
      return invalid(rt.kind, rt.group, next.metadata.name, [
        {
          field: 'spec.selector',
          message: `Invalid value: ${JSON.stringify(
            next.spec?.selector,
          )}: field is immutable`,
        },
      ]);
    return undefined;
  }

  // ---- controllers -------------------------------------------------------------------------

  private afterCreate(rt: ResourceType, object: KubeObject): void {
    if (rt.kind === 'Namespace') this.namespaceDefaults(object.metadata.name);
    if (rt.kind === 'Service')
      this.reconcileEndpointSlices(object.metadata.namespace!);
    if (rt.kind === 'Deployment') this.reconcileDeployment(object);
    if (
      rt.kind === 'ReplicaSet' &&
      !(object.metadata.ownerReferences ?? []).length
    )
      this.reconcileReplicaSet(object);
    if (rt.kind === 'Pod')
      this.events.record(
        object,
        'Normal',
        'Scheduled',
        `Successfully assigned ${object.metadata.namespace}/${object.metadata.name} to ${this.nodeName}`,
        'default-scheduler',
      );
  }

  private afterUpdate(
    rt: ResourceType,
    before: KubeObject,
    after: KubeObject,
  ): void {
    if (
      rt.kind === 'Deployment' &&
      JSON.stringify(before.spec) !== JSON.stringify(after.spec)
    )
      this.reconcileDeployment(after);
    if (
      rt.kind === 'ReplicaSet' &&
      before.spec.replicas !== after.spec.replicas
    )
      this.reconcileReplicaSet(after);
  }

  private namespaceDefaults(namespace: string): void {
    this.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace },
    });
    this.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace,
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
      data: {
        'ca.crt':
          '-----BEGIN CERTIFICATE-----\n(sandbox cluster CA)\n-----END CERTIFICATE-----\n',
      },
    });
  }

  /** Deployment controller: one replica set per template (pod-template-hash), the others scaled to 0. */
  private reconcileDeployment(deployment: KubeObject): void {
    const rsType = this.type('apps/v1', 'ReplicaSet');
    const ns = deployment.metadata.namespace!;
    const template = structuredClone(deployment.spec.template);
    delete template.metadata?.creationTimestamp;
    const hash = safeEncode(
      createHash('sha256').update(JSON.stringify(template)).digest(),
      10,
    );
    const rsName = `${deployment.metadata.name}-${hash}`;
    const owned = this.store
      .list(rsType, ns)
      .filter(rs => isOwnedBy(rs, deployment));
    const revisionOf = (rs: KubeObject) =>
      Number(
        rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0,
      );
    const nextRevision = Math.max(0, ...owned.map(revisionOf)) + 1;
    const replicas = deployment.spec.replicas ?? 1;
    let current = owned.find(rs => rs.metadata.name === rsName);
    const annotations = {
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(
        replicas + Math.ceil(replicas * 0.25),
      ),
    };
    for (const old of owned.filter(
      rs => rs.metadata.name !== rsName && rs.spec.replicas > 0,
    )) {
      this.store.update(rsType, { ...old, spec: { ...old.spec, replicas: 0 } });
      this.reconcileReplicaSet(this.store.get(rsType, ns, old.metadata.name)!);
      this.events.record(
        withKind(this.type('apps/v1', 'Deployment'), deployment),
        'Normal',
        'ScalingReplicaSet',
        `Scaled down replica set ${old.metadata.name} from ${old.spec.replicas} to 0`,
        'deployment-controller',
      );
    }
    if (!current) {
      current = this.store.create(rsType, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
          annotations: {
            ...annotations,
            'deployment.kubernetes.io/revision': String(nextRevision),
          },
          ownerReferences: [ownerRef(deployment)],
        },
        spec: {
          replicas,
          selector: {
            matchLabels: {
              ...deployment.spec.selector.matchLabels,
              'pod-template-hash': hash,
            },
            ...(deployment.spec.selector.matchExpressions
              ? { matchExpressions: deployment.spec.selector.matchExpressions }
              : {}),
          },
          template: {
            metadata: {
              ...template.metadata,
              labels: {
                ...template.metadata?.labels,
                'pod-template-hash': hash,
              },
            },
            spec: template.spec,
          },
        },
        status: { replicas: 0 },
      });
      this.events.record(
        withKind(this.type('apps/v1', 'Deployment'), deployment),
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${rsName} from 0 to ${replicas}`,
        'deployment-controller',
      );
    } else if (
      current.spec.replicas !== replicas ||
      revisionOf(current) !== nextRevision - 1
    ) {
      const revision =
        revisionOf(current) === nextRevision - 1
          ? revisionOf(current)
          : nextRevision;
      current = this.store.update(rsType, {
        ...current,
        metadata: {
          ...current.metadata,
          annotations: {
            ...current.metadata.annotations,
            ...annotations,
            'deployment.kubernetes.io/revision': String(revision),
          },
        },
        spec: { ...current.spec, replicas },
      });
    }
    this.reconcileReplicaSet(current);
  }

  /** Replica set controller: creates or deletes pods to match `replicas`, through admission. */
  private reconcileReplicaSet(rs: KubeObject): void {
    const podType = this.type('v1', 'Pod');
    const rsType = this.type('apps/v1', 'ReplicaSet');
    const ns = rs.metadata.namespace!;
    const rsObject = withKind(rsType, rs);
    let pods = this.store.list(podType, ns).filter(p => isOwnedBy(p, rs));
    let failure: string | undefined;
    while (pods.length < rs.spec.replicas) {
      try {
        const pod = this.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${rs.metadata.name}-${safeEncode(randomBytes(5), 5)}`,
            namespace: ns,
            labels: rs.spec.template.metadata?.labels,
            annotations: rs.spec.template.metadata?.annotations,
            ownerReferences: [ownerRef(rsObject)],
          },
          spec: structuredClone(rs.spec.template.spec),
        });
        pods.push(pod);
        this.events.record(
          rsObject,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'replicaset-controller',
        );
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
        this.events.record(
          rsObject,
          'Warning',
          'FailedCreate',
          `Error creating: ${failure}`,
          'replicaset-controller',
        );
        break;
      }
    }
    while (pods.length > rs.spec.replicas) {
      const victim = pods.pop()!;
      this.store.delete(podType, ns, victim.metadata.name);
      this.events.record(
        rsObject,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${victim.metadata.name}`,
        'replicaset-controller',
      );
    }
    pods = this.store.list(podType, ns).filter(p => isOwnedBy(p, rs));
    const ready = pods.filter(p => p.status?.phase === 'Running').length;
    const latest = this.store.get(rsType, ns, rs.metadata.name);
    if (!latest) return;
    const at = isoSeconds(this.now());
    this.store.update(rsType, {
      ...latest,
      status: {
        replicas: pods.length,
        fullyLabeledReplicas: pods.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: latest.metadata.generation,
        ...(failure
          ? {
              conditions: [
                {
                  type: 'ReplicaFailure',
                  status: 'True',
                  lastTransitionTime: at,
                  reason: 'FailedCreate',
                  message: failure,
                },
              ],
            }
          : {}),
      },
    });
    const owner = (latest.metadata.ownerReferences ?? []).find(
      r => r.kind === 'Deployment',
    );
    if (owner) this.updateDeploymentStatus(ns, owner.name);
    this.reconcileEndpointSlices(ns);
  }

  /** EndpointSlice controller: one slice per Service, listing its pods and whether each is ready. */
  private reconcileEndpointSlices(namespace: string): void {
    const sliceType = this.type('discovery.k8s.io/v1', 'EndpointSlice');
    const pods = this.store.list(this.type('v1', 'Pod'), namespace);
    for (const service of this.store.list(
      this.type('v1', 'Service'),
      namespace,
    )) {
      const selector = service.spec?.selector;
      if (!selector) continue;
      const name = `${service.metadata.name}-eps`;
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace,
          labels: { 'kubernetes.io/service-name': service.metadata.name },
        },
        addressType: 'IPv4',
        endpoints: pods
          .filter(p =>
            this.labelsMatch(p.metadata.labels, { matchLabels: selector }),
          )
          .map(p => ({
            addresses: [p.status?.podIP ?? '10.244.0.1'],
            conditions: {
              ready: (p.status?.conditions ?? []).some(
                (c: any) => c.type === 'Ready' && c.status === 'True',
              ),
            },
            targetRef: { kind: 'Pod', name: p.metadata.name, namespace },
          })),
        ports: (service.spec?.ports ?? []).map((port: any) => ({
          name: port.name ?? '',
          port: port.targetPort ?? port.port,
          protocol: port.protocol ?? 'TCP',
        })),
      };
      const existing = this.store.get(sliceType, namespace, name);
      if (existing)
        this.store.update(sliceType, {
          ...existing,
          ...slice,
          metadata: { ...existing.metadata, ...slice.metadata },
        });
      else this.create(slice);
    }
  }

  private updateDeploymentStatus(namespace: string, name: string): void {
    const dType = this.type('apps/v1', 'Deployment');
    const deployment = this.store.get(dType, namespace, name);
    if (!deployment) return;
    const sets = this.store
      .list(this.type('apps/v1', 'ReplicaSet'), namespace)
      .filter(rs => isOwnedBy(rs, deployment));
    const template = structuredClone(deployment.spec.template);
    delete template.metadata?.creationTimestamp;
    const newest = sets.find(
      rs =>
        rs.metadata.labels?.['pod-template-hash'] ===
        safeEncode(
          createHash('sha256').update(JSON.stringify(template)).digest(),
          10,
        ),
    );
    const sum = (f: string) =>
      sets.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
    const desired = deployment.spec.replicas ?? 1;
    const available = sum('availableReplicas');
    const at = isoSeconds(this.now());
    const previous: any[] = deployment.status?.conditions ?? [];
    const condition = (
      type: string,
      status: string,
      reason: string,
      message: string,
    ) => {
      const old = previous.find(c => c.type === type);
      const same = old && old.status === status && old.reason === reason;
      return {
        type,
        status,
        lastUpdateTime: same ? old.lastUpdateTime : at,
        lastTransitionTime:
          old && old.status === status ? old.lastTransitionTime : at,
        reason,
        message,
      };
    };
    const failure = newest?.status?.conditions?.find(
      (c: any) => c.type === 'ReplicaFailure',
    );
    const conditions = [
      available >= desired - Math.floor(desired * 0.25)
        ? condition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
          )
        : condition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
          ),
      failure
        ? condition('ReplicaFailure', 'True', 'FailedCreate', failure.message)
        : undefined,
      newest && (newest.status?.availableReplicas ?? 0) >= desired
        ? condition(
            'Progressing',
            'True',
            'NewReplicaSetAvailable',
            `ReplicaSet "${newest.metadata.name}" has successfully progressed.`,
          )
        : condition(
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${newest?.metadata.name}" is progressing.`,
          ),
    ].filter(Boolean);
    const replicas = sum('replicas');
    this.store.update(dType, {
      ...deployment,
      metadata: {
        ...deployment.metadata,
        annotations: {
          ...deployment.metadata.annotations,
          'deployment.kubernetes.io/revision':
            newest?.metadata.annotations?.[
              'deployment.kubernetes.io/revision'
            ] ?? '1',
        },
      },
      status: {
        observedGeneration: deployment.metadata.generation,
        replicas,
        updatedReplicas: newest?.status?.replicas ?? 0,
        readyReplicas: sum('readyReplicas'),
        availableReplicas: available,
        ...(replicas - available > 0 || desired - available > 0
          ? { unavailableReplicas: Math.max(desired - available, 0) }
          : {}),
        conditions,
      },
    });
  }

  /** Garbage collection: dependents (ownerReferences) and namespace contents go with their owner. */
  private deleteCascade(rt: ResourceType, object: KubeObject): void {
    this.store.delete(rt, object.metadata.namespace, object.metadata.name);
    if (rt.kind === 'Namespace') {
      for (const type of this.catalog.types.filter(t => t.namespaced))
        for (const o of this.store.list(type, object.metadata.name))
          this.store.delete(
            type,
            object.metadata.namespace ?? o.metadata.namespace,
            o.metadata.name,
          );
      return;
    }
    const scope = object.metadata.namespace;
    for (const type of this.catalog.types.filter(
      t => t.namespaced === Boolean(scope) || !t.namespaced,
    ))
      for (const dependent of this.store.list(type, scope))
        if (isOwnedBy(dependent, object)) this.deleteCascade(type, dependent);
    if (rt.kind === 'Pod') {
      const ownerRs = (object.metadata.ownerReferences ?? []).find(
        r => r.kind === 'ReplicaSet' && r.controller,
      );
      const rs =
        ownerRs &&
        this.store.get(this.type('apps/v1', 'ReplicaSet'), scope, ownerRs.name);
      if (rs) this.reconcileReplicaSet(rs);
    }
    if (rt.kind === 'ReplicaSet') {
      const owner = (object.metadata.ownerReferences ?? []).find(
        r => r.kind === 'Deployment',
      );
      if (owner) this.updateDeploymentStatus(scope!, owner.name);
    }
  }

  recordEvent(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    this.events.record(involved, type, reason, message, component);
  }

  labelsMatch(
    labels: Record<string, string> | undefined,
    selector: unknown,
  ): boolean {
    return matchesLabels(labels, fromLabelSelector(selector));
  }

  internalError(message: string): StatusError {
    return internalError(message);
  }
}

export function withKind(rt: ResourceType, object: KubeObject): KubeObject {
  return { ...object, apiVersion: apiVersionOf(rt), kind: rt.kind };
}

function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function isOwnedBy(object: KubeObject, owner: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    r => r.uid === owner.metadata.uid,
  );
}
