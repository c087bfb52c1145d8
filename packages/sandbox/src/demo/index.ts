/**
 * The seeded demo world: the components of demo/catalog.yaml on their
 * clusters, some healthy, some broken in the ways the rule catalogue names.
 * See the package README for the component → expected rule ids table.
 */
export { readDemoCatalog } from './catalog';
export type { CatalogCluster, CatalogComponent, DemoCatalog } from './catalog';
export { loadDemoWorld } from './world';
export type {
  DemoCluster,
  DemoComponent,
  DemoTarget,
  DemoWorld,
} from './world';
export { SCENARIOS, SCENARIO_ORDER } from './scenarios';
export type { Scenario, ScenarioId } from './scenarios';
export {
  demoAzureSeed,
  demoIssuerHistory,
  demoIssuers,
  demoPendingRequests,
  demoSeedLabel,
  resetDemoWorld,
  seedDemoKubernetes,
  seedDemoWorld,
} from './seed';
export type { DemoPendingRequest } from './seed';
export { demoNamespaceOwners } from './kubernetesObjects';
export { OWNERSHIP } from './ownership';
