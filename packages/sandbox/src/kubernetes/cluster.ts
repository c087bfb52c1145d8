import { ClusterIssuer } from '../oidc';
import { AdmissionChain, AdmissionPlugins } from './admission/chain';
import { builtInAdmission } from './admission/builtIns';
import {
  AAD_POD_IDENTITY_RESOURCES,
  CORE_RESOURCES,
  ResourceCatalog,
  ResourceType,
} from './api/resources';
import {
  authenticate,
  ClusterPrincipals,
  ClusterTokens,
  NO_PRINCIPALS,
} from './authentication';
import { AuditLog } from './auditLog';
import { bootstrapObjects } from './bootstrap';
import { ControllerManager } from './controllers/controllerManager';
import { EventRecorder } from './events';
import { FaultRules } from './faults';
import { ClusterNode, nodeOf } from './node';
import { ListOptions, ObjectReader } from './objectAccess';
import { RbacAuthorizer } from './rbac';
import { ObjectRegistry, PatchType, WriteOptions } from './registry';
import { Scheduler } from './scheduler';
import {
  API_AUDIENCE,
  IssuedToken,
  ServiceAccountTokens,
  TokenRequestSpec,
} from './serviceAccountTokens';
import { ObjectStore } from './store';
import { KubeObject, UserInfo } from './types';
import { WI } from './webhook/mutation';
import { podsOfDeployment, rolloutRestartPatch } from './workloads';

export type { PatchType, WriteOptions } from './registry';

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
  /** Bearer tokens: the admin's and one per principal's role. */
  tokens: ClusterTokens;
  /** Users besides the admin, and their RBAC. Default: none. */
  principals?: ClusterPrincipals;
  /** Admission plugins of this cluster's own, run after the built-in ones (admission/builtIns.ts). */
  admission?: (objects: ObjectReader) => Partial<AdmissionPlugins>;
}

/**
 * One AKS cluster's Kubernetes API, assembled from its parts: the object
 * store and registry (registry.ts: defaults, validation, admission), the
 * admission plugins (admission/), the scheduler, the controllers
 * (controllers/) and the service-account token issuer. Every write, from
 * kubectl or from seeding code, goes through the same path. Callers (the HTTP
 * layer, seeding, tests) use this one object.
 */
export class KubernetesCluster implements ObjectReader {
  readonly name: string;
  readonly tenantId: string;
  readonly issuer: ClusterIssuer;
  readonly catalog: ResourceCatalog;
  readonly store: ObjectStore;
  readonly authorizer: RbacAuthorizer;
  readonly faults = new FaultRules();
  /** Requests whose admission added audit annotations (ValidatingAdmissionPolicy `Audit`). */
  readonly auditLog = new AuditLog();
  readonly kubernetesVersion: string;
  readonly tokens: ClusterTokens;
  /** Offset of this cluster's clock for issued tokens (a skewed node clock). */
  clockOffsetSeconds = 0;
  /** Set by the twin once its API server listens. */
  url = '';
  /**
   * Checks an Entra ID token for the AKS AAD server application, as a cluster with Entra ID
   * integration does; set once the Azure half runs (it holds the signing key).
   */
  entraTokens?: (token: string) => UserInfo | undefined;

  private readonly options: KubernetesClusterOptions;
  private readonly principals: ClusterPrincipals;
  private readonly node: ClusterNode;
  private readonly registry: ObjectRegistry;
  private readonly serviceAccountTokens: ServiceAccountTokens;
  private clockOverride?: number;

  constructor(options: KubernetesClusterOptions) {
    this.options = { ...options };
    this.name = options.name;
    this.tenantId = options.tenantId;
    this.issuer = options.issuer;
    this.tokens = options.tokens;
    this.principals = options.principals ?? NO_PRINCIPALS;
    this.kubernetesVersion = options.kubernetesVersion ?? '1.31.2';
    this.node = nodeOf(this.name);
    this.catalog = new ResourceCatalog([
      ...CORE_RESOURCES,
      ...(options.aadPodIdentity ? AAD_POD_IDENTITY_RESOURCES : []),
    ]);
    const now = () => this.now();
    this.store = new ObjectStore(now);
    this.authorizer = new RbacAuthorizer(this.store, this.catalog);
    const events = new EventRecorder(
      this.store,
      this.catalog.byKind('v1', 'Event')!,
      now,
    );
    const scheduler = new Scheduler({ nodeName: this.node.name, now });
    const controllers = new ControllerManager({
      store: this.store,
      catalog: this.catalog,
      type: (apiVersion, kind) => this.type(apiVersion, kind),
      create: object => this.create(object),
      events,
      now,
      nodeName: this.node.name,
    });
    this.registry = new ObjectRegistry({
      store: this.store,
      catalog: this.catalog,
      now,
      admission: this.admissionChain(),
      schedule: pod => scheduler.bind(pod),
      reactions: controllers,
    });
    this.serviceAccountTokens = new ServiceAccountTokens({
      objects: this,
      issuer: this.issuer,
      node: this.node,
      clock: () => this.now() + this.clockOffsetSeconds * 1000,
    });
    this.bootstrap();
  }

  private admissionChain(): AdmissionChain {
    const builtIn = builtInAdmission({
      objects: this,
      faults: this.faults,
      webhookDefaults: () => ({
        tenantId: this.tenantId,
        authorityHost: this.authorityHost,
      }),
    });
    const own = this.options.admission?.(this) ?? {};
    return new AdmissionChain(
      {
        mutating: [...builtIn.mutating, ...(own.mutating ?? [])],
        validating: [...builtIn.validating, ...(own.validating ?? [])],
      },
      { audit: this.auditLog, now: () => this.now() },
    );
  }

  get authorityHost(): string {
    return this.options.authorityHost ?? 'https://login.microsoftonline.com/';
  }

  /** Points the webhook's config at another authority host (kept across resets). */
  setAuthorityHost(url: string): void {
    this.options.authorityHost = url;
    const configMaps = this.type('v1', 'ConfigMap');
    for (const cm of this.list(configMaps).filter(
      c => c.metadata.name === WI.configMapName,
    ))
      this.patch(configMaps, cm.metadata.namespace, cm.metadata.name, 'merge', {
        data: { AZURE_AUTHORITY_HOST: url },
      });
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
    this.auditLog.clear();
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
      principals: this.principals,
    }))
      this.create(object);
  }

  authenticate(token: string | undefined): UserInfo | undefined {
    return authenticate(token, {
      tokens: this.tokens,
      users: this.principals.users,
      entraTokens: this.entraTokens,
    });
  }

  // ---- the registry: reads and writes ------------------------------------------------------

  type(apiVersion: string, kind: string): ResourceType {
    return this.registry.type(apiVersion, kind);
  }

  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    return this.registry.get(rt, namespace, name);
  }

  find(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.registry.find(apiVersion, kind, namespace, name);
  }

  list(rt: ResourceType, options: ListOptions = {}): KubeObject[] {
    return this.registry.list(rt, options);
  }

  create(object: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.registry.create(object, options);
  }

  /** PUT: replaces the object; a stale resourceVersion is a Conflict. */
  replace(object: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.registry.replace(object, options);
  }

  patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    return this.registry.patch(rt, namespace, name, type, body, options);
  }

  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: WriteOptions = {},
  ): KubeObject {
    return this.registry.delete(rt, namespace, name, options);
  }

  /** Creates the object, or updates it in place when it exists (seeding; like `kubectl apply`). */
  apply(object: KubeObject): KubeObject {
    return this.registry.apply(object);
  }

  // ---- seeding and staging helpers -----------------------------------------------------------

  /** Pods owned (through a replica set) by a deployment, oldest first. */
  podsOfDeployment(namespace: string, deployment: string): KubeObject[] {
    return podsOfDeployment(this, namespace, deployment);
  }

  /** `kubectl rollout restart`: a new template annotation, hence new pods. */
  restartDeployment(namespace: string, name: string): KubeObject {
    return this.patch(
      this.type('apps/v1', 'Deployment'),
      namespace,
      name,
      'strategic',
      rolloutRestartPatch(this.now()),
    );
  }

  // ---- service-account tokens ----------------------------------------------------------------

  /**
   * A TokenRequest: a service-account JWT signed with the cluster's key. The
   * clock offset applies here, which is how clock skew is staged.
   */
  requestToken(
    namespace: string,
    serviceAccount: string,
    spec: TokenRequestSpec = {},
  ): IssuedToken {
    return this.serviceAccountTokens.request(namespace, serviceAccount, spec);
  }

  /** The API server's own audience (AKS: its FQDN; here the conventional in-cluster name). */
  get apiAudience(): string {
    return API_AUDIENCE;
  }

  get nodeName(): string {
    return this.node.name;
  }
}
