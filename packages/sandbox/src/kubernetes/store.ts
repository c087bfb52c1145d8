import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ResourceType } from './api/resources';
import { KubeObject } from './types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  object: KubeObject;
}

const keyOf = (r: ResourceType, namespace: string | undefined, name: string) =>
  `${r.group}/${r.resource}/${r.namespaced ? namespace ?? '' : ''}/${name}`;

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The cluster's etcd: objects by resource, namespace and name, one
 * resourceVersion counter, and change events for watches and controllers.
 * Objects are copied in and out so callers never share state by accident.
 */
export class ObjectStore {
  private objects = new Map<string, KubeObject>();
  private revision = 0;
  private readonly events = new EventEmitter();

  constructor(private readonly now: () => number) {
    this.events.setMaxListeners(0);
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  get(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const found = this.objects.get(keyOf(r, namespace, name));
    return found ? clone(found) : undefined;
  }

  list(r: ResourceType, namespace?: string): KubeObject[] {
    const prefix = `${r.group}/${r.resource}/${
      r.namespaced && namespace ? `${namespace}/` : ''
    }`;
    const out: KubeObject[] = [];
    for (const [key, value] of this.objects)
      if (key.startsWith(prefix)) out.push(clone(value));
    return out.sort(
      (a, b) =>
        (a.metadata.namespace ?? '').localeCompare(
          b.metadata.namespace ?? '',
        ) || a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /** Stores a new object; fills uid, resourceVersion, creationTimestamp and generation. */
  create(r: ResourceType, object: KubeObject): KubeObject {
    const stored = clone(object);
    stored.metadata.uid = stored.metadata.uid ?? randomUUID();
    stored.metadata.resourceVersion = String(++this.revision);
    stored.metadata.creationTimestamp =
      stored.metadata.creationTimestamp ?? isoSeconds(this.now());
    if (hasSpec(r)) stored.metadata.generation = 1;
    this.objects.set(
      keyOf(r, stored.metadata.namespace, stored.metadata.name),
      stored,
    );
    this.emit('ADDED', r, stored);
    return clone(stored);
  }

  /** Replaces an existing object; bumps generation when the spec changed. */
  update(r: ResourceType, object: KubeObject): KubeObject {
    const key = keyOf(r, object.metadata.namespace, object.metadata.name);
    const previous = this.objects.get(key);
    if (!previous) throw new Error(`update of missing ${key}`);
    const stored = clone(object);
    stored.metadata.uid = previous.metadata.uid;
    stored.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    if (hasSpec(r)) {
      const specChanged =
        JSON.stringify(previous.spec) !== JSON.stringify(stored.spec);
      stored.metadata.generation =
        (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    stored.metadata.resourceVersion = String(++this.revision);
    this.objects.set(key, stored);
    this.emit('MODIFIED', r, stored);
    return clone(stored);
  }

  delete(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const key = keyOf(r, namespace, name);
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.objects.delete(key);
    previous.metadata.resourceVersion = String(++this.revision);
    this.emit('DELETED', r, previous);
    return clone(previous);
  }

  clear(): void {
    this.objects.clear();
  }

  onChange(listener: (event: StoreEvent) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  private emit(
    type: WatchEventType,
    resource: ResourceType,
    object: KubeObject,
  ) {
    this.events.emit('change', { type, resource, object: clone(object) });
  }
}

function hasSpec(r: ResourceType): boolean {
  return [
    'Deployment',
    'ReplicaSet',
    'StatefulSet',
    'DaemonSet',
    'Job',
    'CronJob',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
  ].includes(r.kind);
}

/** RFC 3339 without fractional seconds, as Kubernetes writes timestamps. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}
