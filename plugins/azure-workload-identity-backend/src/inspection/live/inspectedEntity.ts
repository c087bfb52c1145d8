import { KUBERNETES_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { InspectedEntity } from './LiveInspector';

/** What inspection reads of a catalog entity. */
export interface CatalogEntityFields {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
}

/** The catalog fields inspection needs of a component. */
export const INSPECTED_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * A catalog component as inspection sees it; undefined when it names no workload (no
 * kubernetes-id or label selector), as there is then nothing on a cluster to inspect.
 */
export function inspectedEntityOf(
  entity: CatalogEntityFields,
): InspectedEntity | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (
    !annotations[KUBERNETES_ANNOTATIONS.id] &&
    !annotations[KUBERNETES_ANNOTATIONS.labelSelector]
  ) {
    return undefined;
  }
  return {
    entityRef: `${entity.kind.toLowerCase()}:${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`,
    annotations,
  };
}
