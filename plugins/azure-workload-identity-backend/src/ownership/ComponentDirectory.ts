/**
 * What the trust model needs to know of a component, from the catalog: who owns it and which
 * workloads are its own. Behind an interface so the planner's ownership decisions are tested
 * with a plain fake, and the catalog-backed one is tested against the catalog.
 */
export interface ComponentFacts {
  /** The catalog's canonical ref, e.g. `component:default/orders-api`. */
  entityRef: string;
  /** Canonical refs of its owners (the catalog's `ownedBy` relations, else `spec.owner`). */
  owners: string[];
  /**
   * How its pods say they are its own: the Kubernetes plugin's `backstage.io/kubernetes-id`
   * label, whose value the component declares in the annotation of the same name (its name
   * when it declares none).
   */
  kubernetesId: string;
}

export interface ComponentDirectory {
  /** Undefined when the catalog does not have the component. */
  component(entityRef: string): Promise<ComponentFacts | undefined>;
}
