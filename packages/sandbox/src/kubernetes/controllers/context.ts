import { ResourceCatalog, ResourceType } from '../api/resources';
import { EventRecorder } from '../events';
import { ObjectStore } from '../store';
import { KubeObject } from '../types';

/**
 * What the twin's controllers work with. Like kube-controller-manager's, their own
 * bookkeeping (status, replica counts) writes the store directly, while the objects they
 * create go through the API's write path, admission included (a replica set's pods are
 * mutated by the webhook).
 */
export interface ControllerContext {
  store: ObjectStore;
  catalog: ResourceCatalog;
  type(apiVersion: string, kind: string): ResourceType;
  /** Creates through the API's write path. */
  create(object: KubeObject): KubeObject;
  events: EventRecorder;
  now(): number;
  /** Where the scheduler puts every pod. */
  nodeName: string;
}
