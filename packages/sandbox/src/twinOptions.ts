import type { AzureTwin, AzureTwinOptions, PortalIdentity } from './azure';
import type {
  ClusterInfo,
  ClusterPrincipals,
  KubernetesClusterSpec,
  KubernetesTwin,
} from './kubernetes';

/**
 * Who the application under test is on both halves: its Azure principal and its
 * Kubernetes users with their RBAC. A preset (presets/portalPrincipals) brings the
 * portal's; without one the twins know only a generic client and each cluster's admin.
 */
export interface SandboxPrincipals {
  azure: PortalIdentity;
  kubernetes: ClusterPrincipals;
  /** Extra variables for `.sandbox/azure.env` naming their cluster credentials. */
  env?(clusters: ClusterInfo[]): Record<string, string>;
}

/**
 * A staged world (presets/demoWorld): which clusters run, what Azure holds, what the
 * clusters hold, and how to put it all back.
 */
export interface SandboxWorld<Plan> {
  /** Reads the world's plan (e.g. a catalog); called once at start. */
  load(): Promise<LoadedWorld<Plan>>;
}

export interface LoadedWorld<Plan> {
  plan: Plan;
  clusters: KubernetesClusterSpec[];
  /** Issuer server port; the clusters' API servers follow. 0: any free ports. */
  kubernetesBasePort?: number;
  /** The Azure twin's seed and the application's roles; the clusters already listen (their issuer URLs). */
  azure(
    kubernetes: KubernetesTwin,
  ): Pick<AzureTwinOptions, 'seed' | 'portalRoles'>;
  /** Stages the clusters' objects once both halves listen. */
  seedKubernetes(kubernetes: KubernetesTwin): void;
  /** Restores the world on both halves. */
  reset(twins: { azure: AzureTwin; kubernetes: KubernetesTwin }): Promise<void>;
}

export interface StartedWorld<Plan> {
  world: Plan;
  kubernetes: KubernetesTwin;
  /** Restores the world on both halves. */
  reset(): Promise<void>;
}
