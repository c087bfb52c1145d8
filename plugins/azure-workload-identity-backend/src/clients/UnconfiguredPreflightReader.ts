import { ServiceUnavailableError } from '@backstage/errors';
import { PreflightReader } from './PreflightReader';

const MESSAGE =
  'live pre-flight is not configured: this backend has no Azure and Kubernetes readers yet, so it cannot check the cluster, namespace, resources and identity a plan depends on. Plans are refused rather than guessed.';

/**
 * The default until the Azure and Kubernetes clients exist. A plan made without reading live
 * state could federate the wrong issuer or duplicate an identity, so every read fails with a
 * 503 that says why, instead of answering from configuration alone.
 */
export class UnconfiguredPreflightReader implements PreflightReader {
  async getCluster(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async getNamespace(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async getServiceAccount(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async listPods(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async getResourceTags(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async findIdentityByClientId(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async resourceExists(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async resourceGroupExists(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async getIdentity(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async listFederatedCredentials(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }

  async listRoleAssignments(): Promise<never> {
    throw new ServiceUnavailableError(MESSAGE);
  }
}
