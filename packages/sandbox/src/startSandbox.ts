import { DemoWorld } from './demo';
import { Handler } from './http';
import { PORTAL_PRINCIPALS } from './presets/portalPrincipals';
import { demoWorldPreset, DemoWorldOptions } from './presets/demoWorld';
import {
  DEFAULT_AZURE_PORT,
  startTwins,
  StartedAzure,
  StartTwinsOptions,
  Twins,
} from './startTwins';
import { SandboxPrincipals, StartedWorld } from './twinOptions';

export { DEFAULT_AZURE_PORT };
export type { StartedAzure };

export interface StartSandboxOptions {
  /** The repo's `.sandbox/` (git-ignored): CA, env file, admin token, keys, snapshot. */
  dir: string;
  azure?: StartTwinsOptions<DemoWorld>['azure'];
  /** Extra admin routes mounted under `/admin` (the Kubernetes half's seeding and faults). */
  adminRoutes?: Handler[];
  /**
   * The demo world: its AKS clusters as Kubernetes twins, and the Azure side seeded from the
   * components of the catalog file (the repo's demo/catalog.yaml). The Azure seed given in
   * `azure.seed` is replaced by the demo's.
   */
  demo?: DemoWorldOptions;
  /** Default: the portal's own principals (presets/portalPrincipals). */
  principals?: SandboxPrincipals;
}

export type StartedDemo = StartedWorld<DemoWorld>;

export interface Sandbox extends Omit<Twins<DemoWorld>, 'world'> {
  demo?: StartedDemo;
}

/**
 * Starts the local twin of Azure (and, with the demo, of its AKS clusters) as the portal
 * runs against it: the twin core (startTwins) with the portal's principals and, when asked,
 * the demo world. Writes what clients need into `dir`.
 */
export async function startSandbox(
  options: StartSandboxOptions,
): Promise<Sandbox> {
  const { world, ...started } = await startTwins<DemoWorld>({
    dir: options.dir,
    azure: options.azure,
    adminRoutes: options.adminRoutes,
    principals: options.principals ?? PORTAL_PRINCIPALS,
    world: options.demo ? demoWorldPreset(options.demo) : undefined,
  });
  return { ...started, demo: world };
}
