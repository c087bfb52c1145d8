import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * A demo catalog of `clusters` AKS clusters, each in its own subscription, with
 * `componentsPerCluster` components on each. The sandbox stages it like the demo world: the
 * first clusters carry the demo's broken scenarios, every other component is healthy with its
 * own identity, federated credential, role assignments and target resources.
 */
export async function writeFleetCatalog(options: {
  dir: string;
  clusters: number;
  componentsPerCluster: number;
}): Promise<string> {
  const documents: string[] = [];
  for (let c = 1; c <= options.clusters; c++) {
    documents.push(`apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: aks-fleet-${c}
  description: Fleet cluster (subscription ${c}, eastus)
spec:
  type: kubernetes-cluster
  owner: group:default/platform-team`);
    for (let i = 1; i <= options.componentsPerCluster; i++) {
      const name = `svc-${c}-${i}`;
      documents.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/kubernetes-id: ${name}
    backstage.io/kubernetes-namespace: ${name}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-orders
  dependsOn: [resource:default/aks-fleet-${c}]`);
    }
  }
  const file = path.join(options.dir, 'fleet-catalog.yaml');
  await fs.writeFile(file, `${documents.join('\n---\n')}\n`);
  return file;
}
