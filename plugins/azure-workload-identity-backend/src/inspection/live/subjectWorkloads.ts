import { FederatedCredential } from '../azureTypes';
import { Workload } from '../kubernetesTypes';
import { Read, valueOf } from '../reads';
import { BindingSnapshot, ClusterSnapshot } from '../snapshot';
import { InspectedCluster } from './readers';
import { readOutcome } from './readOutcome';

const SUBJECT = /^system:serviceaccount:([^:]+):[^:]+$/;

/**
 * The bindings with the workloads of every namespace their identity's credentials trust, on
 * the configured clusters, so a rule can count the components that share the identity.
 * Credentials may trust any configured cluster, so this runs once every issuer is known; the
 * bindings' own namespaces were listed already and are not read again.
 */
export async function withSubjectWorkloads(input: {
  clusters: InspectedCluster[];
  snapshots: ClusterSnapshot[];
  bindings: BindingSnapshot[];
}): Promise<BindingSnapshot[]> {
  const clusterOfIssuer = new Map(
    input.snapshots.flatMap(snapshot => {
      const issuer = valueOf(snapshot.managedCluster)?.properties
        .oidcIssuerProfile?.issuerURL;
      const cluster = input.clusters.find(c => c.name === snapshot.name);
      return issuer && cluster ? [[issuer, cluster] as const] : [];
    }),
  );
  const listed = new Map(
    input.bindings.flatMap(b =>
      b.namespaceWorkloads
        ? [[`${b.cluster}/${b.namespace}`, b.namespaceWorkloads] as const]
        : [],
    ),
  );
  return Promise.all(
    input.bindings.map(async binding => ({
      ...binding,
      subjectWorkloads: await readSubjects({
        credentials: valueOf(binding.federatedCredentials) ?? [],
        clusterOfIssuer,
        listed,
      }),
    })),
  );
}

async function readSubjects(input: {
  credentials: FederatedCredential[];
  clusterOfIssuer: Map<string, InspectedCluster>;
  /** `<cluster>/<namespace>` → its workloads, as already read. */
  listed: Map<string, Read<Workload[]>>;
}): Promise<Record<string, Read<Workload[]>>> {
  const places = new Map<
    string,
    { cluster: InspectedCluster; namespace: string }
  >();
  for (const { properties } of input.credentials) {
    const namespace = SUBJECT.exec(properties.subject)?.[1];
    const cluster = input.clusterOfIssuer.get(properties.issuer);
    if (namespace && cluster) {
      places.set(`${cluster.name}/${namespace}`, { cluster, namespace });
    }
  }
  const reads = await Promise.all(
    [...places.entries()].map(
      async ([key, { cluster, namespace }]) =>
        [
          key,
          input.listed.get(key) ??
            (await readOutcome(
              `workloads of ${namespace} on ${cluster.name}`,
              () =>
                cluster.kubernetes.listWorkloads({
                  namespace,
                  labelSelector: '',
                }),
            )),
        ] as const,
    ),
  );
  return Object.fromEntries(reads);
}
