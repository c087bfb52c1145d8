import { promises as fs } from 'node:fs';
import yaml from 'js-yaml';
import { canonicalEntityRef } from './ownership';

export interface CatalogCluster {
  /** The Resource's name = the AKS managed cluster's name. */
  name: string;
  description: string;
  environment?: string;
  /** "subscription N" from the description, else the cluster's position (1-based). */
  subscriptionIndex: number;
  location: string;
}

export interface CatalogComponent {
  name: string;
  /** The component's canonical entity ref (`component:default/orders-api`). */
  entityRef: string;
  description: string;
  /** `spec.owner` as a canonical entity ref (a bare name is a group in the component's namespace). */
  owner: string;
  /** `backstage.io/kubernetes-id`. */
  kubernetesId: string;
  /** `backstage.io/kubernetes-namespace`. */
  namespace: string;
  /** The kubernetes-cluster Resource it depends on. */
  cluster: string;
  /** Every annotation of the entity, as the catalog serves it to the inspector. */
  annotations: Record<string, string>;
}

export interface DemoCatalog {
  clusters: CatalogCluster[];
  components: CatalogComponent[];
  /** Members of each group (`group:default/x` → user names), for requesters and approvers. */
  groupMembers: Record<string, string[]>;
}

/** Reads the demo world's names from `demo/catalog.yaml`, the one shared list. */
export async function readDemoCatalog(
  catalogPath: string,
): Promise<DemoCatalog> {
  const docs = yaml.loadAll(await fs.readFile(catalogPath, 'utf8')) as any[];
  const entities = docs.filter(d => d && typeof d === 'object');
  const clusters: CatalogCluster[] = entities
    .filter(e => e.kind === 'Resource' && e.spec?.type === 'kubernetes-cluster')
    .map((e, i) => {
      const description: string = e.metadata.description ?? '';
      const m = /subscription\s+(\d+)\s*,\s*([a-z0-9]+)/i.exec(description);
      return {
        name: e.metadata.name,
        description,
        environment: e.metadata.labels?.environment,
        subscriptionIndex: m ? Number(m[1]) : i + 1,
        location: m ? m[2] : 'eastus',
      };
    });
  const clusterNames = new Set(clusters.map(c => c.name));
  const components: CatalogComponent[] = entities
    .filter(e => e.kind === 'Component')
    .map(e => {
      const annotations = e.metadata.annotations ?? {};
      const cluster = (e.spec?.dependsOn ?? [])
        .map((ref: string) => /^resource:(?:default\/)?(.+)$/.exec(ref)?.[1])
        .find((n: string | undefined) => n && clusterNames.has(n));
      if (
        !annotations['backstage.io/kubernetes-id'] ||
        !annotations['backstage.io/kubernetes-namespace'] ||
        !cluster ||
        typeof e.spec?.owner !== 'string'
      )
        throw new Error(
          `Component ${e.metadata.name} in ${catalogPath} lacks kubernetes-id, kubernetes-namespace, spec.owner or a kubernetes-cluster dependency`,
        );
      const namespace: string = e.metadata.namespace ?? 'default';
      return {
        name: e.metadata.name,
        entityRef: canonicalEntityRef(e.metadata.name, {
          kind: 'component',
          namespace,
        }),
        description: e.metadata.description ?? '',
        owner: canonicalEntityRef(e.spec.owner, { kind: 'group', namespace }),
        kubernetesId: annotations['backstage.io/kubernetes-id'],
        namespace: annotations['backstage.io/kubernetes-namespace'],
        cluster,
        annotations,
      };
    });
  const groupMembers: Record<string, string[]> = {};
  for (const g of entities.filter(e => e.kind === 'Group'))
    groupMembers[`group:default/${g.metadata.name}`] = g.spec?.members ?? [];
  return { clusters, components, groupMembers };
}
