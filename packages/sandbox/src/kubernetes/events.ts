import { randomBytes } from 'node:crypto';
import { ResourceType } from './api/resources';
import { isoSeconds, ObjectStore } from './store';
import { KubeObject } from './types';

/**
 * core/v1 Events as controllers write them, folded by (object, reason,
 * message) with a count, so `kubectl describe` and `kubectl get events`
 * show what a real cluster shows (FailedCreate, ScalingReplicaSet, ...).
 */
export class EventRecorder {
  constructor(
    private readonly store: ObjectStore,
    private readonly events: ResourceType,
    private readonly now: () => number,
  ) {}

  record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    const namespace = involved.metadata.namespace ?? 'default';
    const at = isoSeconds(this.now());
    const existing = this.store
      .list(this.events, namespace)
      .find(
        e =>
          e.involvedObject?.uid === involved.metadata.uid &&
          e.reason === reason &&
          e.message === message,
      );
    if (existing) {
      this.store.update(this.events, {
        ...existing,
        count: (existing.count ?? 1) + 1,
        lastTimestamp: at,
      });
      return;
    }
    this.store.create(this.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${involved.metadata.name}.${randomBytes(8).toString('hex')}`,
        namespace,
      },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: '',
    });
  }
}
