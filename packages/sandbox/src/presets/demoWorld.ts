import { ROLE_IDS } from '../azure';
import {
  demoAzureSeed,
  demoSeedLabel,
  DemoWorld,
  loadDemoWorld,
  resetDemoWorld,
  seedDemoKubernetes,
} from '../demo';
import type { SandboxWorld } from '../twinOptions';

export interface DemoWorldOptions {
  /** The demo catalog (the repo's demo/catalog.yaml). */
  catalogPath: string;
  /** Issuer server port; the clusters' API servers follow. Default 6440; tests pass 0. */
  kubernetesBasePort?: number;
}

/**
 * The demo world as a sandbox world: its AKS clusters as Kubernetes twins, the Azure side
 * seeded from the catalog's components (so the Azure twin's own reset restores it), and
 * the application's principal Owner of every subscription the demo spans.
 */
export function demoWorldPreset(
  options: DemoWorldOptions,
): SandboxWorld<DemoWorld> {
  return {
    async load() {
      const world = await loadDemoWorld(options.catalogPath);
      const subscriptions = [
        ...new Set(world.clusters.map(c => c.subscriptionId)),
      ];
      return {
        plan: world,
        clusters: world.clusterSpecs(),
        kubernetesBasePort: options.kubernetesBasePort,
        azure: kubernetes => ({
          seed: demoAzureSeed(world, kubernetes),
          seedLabel: demoSeedLabel(world, kubernetes),
          portalRoles: subscriptions.map(sub => ({
            role: ROLE_IDS.owner,
            scope: `/subscriptions/${sub}`,
          })),
        }),
        seedKubernetes: kubernetes => seedDemoKubernetes(world, kubernetes),
        reset: ({ azure, kubernetes }) =>
          resetDemoWorld({
            world,
            azure,
            kubernetes,
            azureSeededByTwin: true,
          }),
      };
    },
  };
}
