/**
 * The sandbox: a local HTTPS twin of Azure (and of AKS clusters) for the
 * Azure Workload Identity plugins, their tests and the demo.
 */
export { startSandbox, DEFAULT_AZURE_PORT } from './startSandbox';
export type {
  Sandbox,
  StartSandboxOptions,
  StartedAzure,
  StartedDemo,
} from './startSandbox';
export { startTwins } from './startTwins';
export type { StartTwinsOptions, Twins } from './startTwins';
export type {
  LoadedWorld,
  SandboxPrincipals,
  SandboxWorld,
  StartedWorld,
} from './twinOptions';
export { PORTAL_PRINCIPALS } from './presets/portalPrincipals';
export { demoWorldPreset } from './presets/demoWorld';
export type { DemoWorldOptions } from './presets/demoWorld';
export * from './azure';
export { ensureSandboxTls } from './tls';
export type { SandboxTls } from './tls';
export { readEnvFile } from './envFile';
export { runWorkload, podsOf } from './workload';
export type { Workload, WorkloadCredentialOptions } from './workload';
export { demoIssuerHistory, readDemoCatalog } from './demo';
export type { DemoCatalog, CatalogComponent } from './demo';
