/**
 * The Azure half of the sandbox: a local twin of ARM (resource groups,
 * user-assigned identities and their federated credentials, role definitions
 * and assignments, managed clusters, generic resources), Entra ID's token
 * endpoint, and a small data plane (blob, Key Vault, Service Bus, Event Hubs,
 * storage queues) that enforces RBAC and network rules.
 *
 * Seeding from other code:
 *   const twin = await createAzureTwin({ seed: baselineAzureSeed() });
 *   twin.state.putManagedCluster({ subscriptionId: twin.subscriptionId,
 *     resourceGroup: 'rg-aks', name: 'aks-prod', issuerUrl, oidcIssuerEnabled: true,
 *     workloadIdentityEnabled: true });
 *   applySeed(twin.state, { identities: [...], roleAssignments: [...] });
 *
 * Runtime control: `twin.context.faults.add({...})` injects faults,
 * `twin.context.realism` holds latency, delays, page size and throttling.
 */
export { createAzureTwin } from './azureTwin';
export type {
  AzureTwin,
  AzureTwinOptions,
  PortalIdentity,
  PortalPrincipal,
} from './azureTwin';
export { AzureState, identityId, clusterId } from './state/AzureState';
export type { AzureStateOptions } from './state/AzureState';
export type * from './state/types';
export { applySeed } from './seed/applySeed';
export type { AzureSeed } from './seed/applySeed';
export { baselineAzureSeed, BASELINE } from './seed/baseline';
export { DEFAULT_REALISM } from './faults/realism';
export type { RealismOptions, ThrottleOptions } from './faults/realism';
export type { FaultRule, FaultInput, Surface } from './faults/faults';
export {
  BUILTIN_ROLES,
  builtinRoleByName,
  ROLE_IDS,
} from './rbac/builtinRoles';
export type { TwinContext } from './context';
