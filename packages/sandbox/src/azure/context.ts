import { FicWriteGate } from './arm/ficWriteGate';
import { ClusterEndpoints } from './arm/clusterEndpoints';
import { AccessTokens } from './entra/accessTokens';
import { IssuerKeyFetcher } from './entra/issuerKeys';
import { FaultInjector } from './faults/faults';
import { RealismOptions } from './faults/realism';
import { Throttle } from './faults/throttle';
import { Rbac } from './rbac/rbac';
import { AzureState } from './state/AzureState';

/** What every Azure surface (ARM, Entra, data plane) shares. Built once in createAzureTwin. */
export interface TwinContext {
  state: AzureState;
  rbac: Rbac;
  tokens: AccessTokens;
  /** Mutable: the admin endpoint changes it at run time. */
  realism: RealismOptions;
  faults: FaultInjector;
  throttle: Throttle;
  fetchIssuerKeys: IssuerKeyFetcher;
  ficWriteGate: FicWriteGate;
  now: () => number;
  /** The Kubernetes API behind each managed cluster; set once the Kubernetes half runs. */
  clusterEndpoints?: ClusterEndpoints;
}
