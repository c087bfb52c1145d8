import { randomBytes } from 'node:crypto';
import { AdmissionChain } from './admission/chain';
import { ResourceCatalog, ResourceType } from './api/resources';
import { jsonPatch, mergePatch, strategicMergePatch } from './api/patch';
import {
  matchesFields,
  matchesLabels,
  parseLabelSelector,
} from './api/selectors';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  StatusError,
} from './api/status';
import { defaultObject } from './defaults';
import { ListOptions, ObjectReader } from './objectAccess';
import { safeEncode, withKind } from './objects';
import { isoSeconds, ObjectStore } from './store';
import { KubeObject, UserInfo } from './types';
import { immutableFieldErrors, validateObject } from './validation';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface WriteOptions {
  dryRun?: boolean;
  /** Acting user, for admission; the HTTP layer authorizes before calling. */
  user?: UserInfo;
  /** Receives admission's warnings (the HTTP layer sends them as `Warning` headers). */
  warn?: (text: string) => void;
}

/** What runs after a write succeeded: the controllers (see controllers/controllerManager.ts). */
export interface WriteReactions {
  created(rt: ResourceType, object: KubeObject): void;
  updated(rt: ResourceType, before: KubeObject, after: KubeObject): void;
  /** Removes the object and its dependents (garbage collection). */
  delete(rt: ResourceType, object: KubeObject): void;
}

export interface ObjectRegistryOptions {
  store: ObjectStore;
  catalog: ResourceCatalog;
  now: () => number;
  admission: AdmissionChain;
  /** Binds an admitted pod to the node; it runs at once. */
  schedule: (pod: KubeObject) => KubeObject;
  reactions: WriteReactions;
}

const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'managedFields',
];

/**
 * The API's registry: reads, and every write's path (defaulting, validation,
 * admission, the store, then the controllers), whether from kubectl or from
 * seeding code.
 */
export class ObjectRegistry implements ObjectReader {
  constructor(private readonly options: ObjectRegistryOptions) {}

  type(apiVersion: string, kind: string): ResourceType {
    const found = this.options.catalog.byKind(apiVersion, kind);
    if (!found)
      throw badRequest(
        `no matches for kind "${kind}" in version "${apiVersion}"`,
      );
    return found;
  }

  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const found = this.options.store.get(rt, namespace, name);
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
    const found = this.options.store.get(rt, namespace, name);
    return found ? withKind(rt, found) : undefined;
  }

  list(rt: ResourceType, options: ListOptions = {}): KubeObject[] {
    const labels = parseLabelSelector(options.labelSelector);
    return this.options.store
      .list(rt, options.namespace)
      .map(o => withKind(rt, o))
      .filter(
        o =>
          matchesLabels(o.metadata.labels, labels) &&
          matchesFields(o, options.fieldSelector),
      );
  }

  create(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const { store } = this.options;
    const rt = this.type(object.apiVersion, object.kind);
    let o = structuredClone(object);
    o.metadata = { ...o.metadata };
    if (rt.namespaced) o.metadata.namespace = o.metadata.namespace || 'default';
    else delete o.metadata.namespace;
    for (const field of SERVER_SET_METADATA) delete o.metadata[field];
    if (!o.metadata.name && o.metadata.generateName)
      o.metadata.name = `${o.metadata.generateName}${safeEncode(
        randomBytes(5),
        5,
      )}`;
    const causes = validateObject(o);
    if (causes.length)
      throw invalid(o.kind, rt.group, o.metadata.name ?? '', causes);
    if (rt.namespaced) this.checkNamespaceOpen(rt, o);
    if (store.get(rt, o.metadata.namespace, o.metadata.name))
      throw alreadyExists(rt.resource, rt.group, o.metadata.name);
    o = this.options.admission.admit(
      {
        operation: 'CREATE',
        resource: rt,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        object: defaultObject(o),
        userInfo: options.user,
        dryRun: Boolean(options.dryRun),
      },
      { warn: options.warn },
    );
    if (rt.kind === 'Pod') o = this.options.schedule(o);
    if (options.dryRun)
      return withKind(rt, {
        ...o,
        metadata: {
          ...o.metadata,
          uid: 'dry-run',
          creationTimestamp: isoSeconds(this.options.now()),
        },
      });
    const stored = store.create(rt, o);
    this.options.reactions.created(rt, stored);
    return withKind(
      rt,
      store.get(rt, stored.metadata.namespace, stored.metadata.name) ?? stored,
    );
  }

  /** PUT: replaces the object; a stale resourceVersion is a Conflict. */
  replace(object: KubeObject, options: WriteOptions = {}): KubeObject {
    const { store } = this.options;
    const rt = this.type(object.apiVersion, object.kind);
    const namespace = rt.namespaced
      ? object.metadata.namespace || 'default'
      : undefined;
    const current = store.get(rt, namespace, object.metadata.name);
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
    const immutable = immutableFieldErrors(rt, current, o);
    if (immutable) throw immutable;
    o = this.options.admission.admit(
      {
        operation: 'UPDATE',
        resource: rt,
        namespace,
        name: o.metadata.name,
        object: defaultObject(o),
        oldObject: withKind(rt, current),
        userInfo: options.user,
        dryRun: Boolean(options.dryRun),
      },
      { warn: options.warn },
    );
    if (options.dryRun) return withKind(rt, o);
    const stored = store.update(rt, o);
    this.options.reactions.updated(rt, current, stored);
    return withKind(
      rt,
      store.get(rt, stored.metadata.namespace, stored.metadata.name) ?? stored,
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
    const current = this.options.store.get(rt, namespace, name);
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
    const current = this.options.store.get(rt, namespace, name);
    if (!current) throw notFound(rt.resource, rt.group, name);
    this.options.admission.validate(
      {
        operation: 'DELETE',
        resource: rt,
        namespace,
        name,
        oldObject: withKind(rt, current),
        userInfo: options.user,
        dryRun: Boolean(options.dryRun),
      },
      { warn: options.warn },
    );
    if (options.dryRun) return withKind(rt, current);
    this.options.reactions.delete(rt, current);
    return withKind(rt, current);
  }

  /** Creates the object, or updates it in place when it exists (seeding; like `kubectl apply`). */
  apply(object: KubeObject): KubeObject {
    const rt = this.type(object.apiVersion, object.kind);
    const namespace = rt.namespaced
      ? object.metadata.namespace || 'default'
      : undefined;
    const current = this.options.store.get(rt, namespace, object.metadata.name);
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

  private checkNamespaceOpen(rt: ResourceType, o: KubeObject): void {
    const ns = this.options.store.get(
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
}
