import { Environment } from '../../config/readClusterConfig';
import { GuardrailReader } from '../../guardrails/GuardrailWriter';
import { ManagedIdentity, ProbeOutcome } from '../azureTypes';
import { Workload } from '../kubernetesTypes';
import { ClusterReads } from '../ports';
import { Read } from '../reads';
import {
  BindingSnapshot,
  ClusterSnapshot,
  RequestRecordFacts,
} from '../snapshot';

/** A cluster the inspector reads: ARM coordinates and its Kubernetes reads. */
export interface InspectedCluster {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  kubernetes: ClusterReads;
  /** False where the platform turned the token probe off for the cluster; default true. */
  probeEnabled?: boolean;
  /** The portal's guardrails as the reader's credential sees them (read `K12`). */
  guardrails?: GuardrailReader;
  /** The environment configuration gives the cluster, and namespaces that serve another. */
  environment?: Environment;
  namespaceEnvironments?: Array<{
    namespace: string;
    environment: Environment;
  }>;
}

/** What the inspector knows of a component before reading anything. */
export interface InspectedEntity {
  entityRef: string;
  annotations: Record<string, string>;
}

/**
 * A read made once per inspection or fleet scan under its key, however many readers ask:
 * several targets share a VNet, several bindings a discovery document.
 */
export type Once = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** A `Once` over a memo the caller keeps for as long as answers may be shared. */
export function onceIn(memo: Map<string, Promise<unknown>>): Once {
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let answer = memo.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      memo.set(key, answer);
    }
    return answer;
  };
}

/**
 * Where a binding is read: a workload found by the component's selector, or a namespace a
 * request names where none was found (its workload then not-found).
 */
export interface BindingPlace {
  namespace: string;
  workload: Read<Workload>;
}

/** One cluster as far as a component is concerned, and where its bindings are. */
export interface ClusterState {
  snapshot: ClusterSnapshot;
  places: BindingPlace[];
}

/** Reads a cluster: ARM's view of it, its issuer, its webhook, the component's workloads. */
export interface ClusterStateReader {
  read(input: {
    cluster: InspectedCluster;
    /** The component's label selector; undefined when it names none. */
    selector?: string;
    /** The component's namespace, when its annotations pin one. */
    namespace?: string;
    /** The component's requests on this cluster. */
    records: RequestRecordFacts[];
  }): Promise<ClusterState>;
}

/** Reads one binding: a workload with its service account, identity, roles and targets. */
export interface BindingReader {
  read(input: {
    cluster: InspectedCluster;
    clusterSnapshot: ClusterSnapshot;
    place: BindingPlace;
    selector?: string;
    /** The component's requests on this cluster. */
    records: RequestRecordFacts[];
    entity: InspectedEntity;
    /** The identities of every configured subscription, listed once per inspection. */
    inventory: ManagedIdentity[];
    now: Date;
  }): Promise<BindingSnapshot>;
}

/** What a workload's SDK would get from the token exchange; the token itself is never kept. */
export interface ProbeReader {
  /** Whether the probe runs on the cluster at all, as the cluster snapshot records it. */
  enabledOn(cluster: InspectedCluster): boolean;
  read(input: {
    cluster: InspectedCluster;
    clusterSnapshot: ClusterSnapshot;
    namespace: string;
    serviceAccountName: string;
    clientId?: string;
    /** The workload's own tenant, when it names one; else the portal's. */
    tenantId?: string;
    now: Date;
  }): Promise<Read<ProbeOutcome>>;
}
