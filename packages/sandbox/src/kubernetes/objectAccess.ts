import { ResourceType } from './api/resources';
import { KubeObject } from './types';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
}

/**
 * Reads of one cluster's objects, each answer with its kind. What admission plugins,
 * the token issuer and the HTTP layer need, without depending on the cluster class
 * (which holds them: an interface here keeps the imports one-way).
 */
export interface ObjectReader {
  /** The served type of a kind; a 400 when the cluster does not serve it. */
  type(apiVersion: string, kind: string): ResourceType;
  /** The object, or a 404. */
  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject;
  find(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  list(rt: ResourceType, options?: ListOptions): KubeObject[];
}
