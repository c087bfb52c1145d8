import { TokenCredential } from '@azure/identity';
import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { ArmClientsFor } from '../clients/azure/createArmClients';
import { kubeConfigFor } from '../clients/kubernetes/createCoreApi';
import { ClusterConfig } from '../config/readClusterConfig';
import { AzurePermission } from './azureActionMatch';
import {
  KubernetesRole,
  PermissionReader,
  ResourceGroupMissingError,
} from './PermissionReader';
import { KubernetesNeed } from './requiredPermissions';

/**
 * PermissionReader on the SDKs: ARM's permissions API as the portal's principal, and
 * SelfSubjectReview / SelfSubjectAccessReview with each of its cluster credentials. Nothing
 * is written anywhere: the self-check only asks.
 */
export class LivePermissionReader implements PermissionReader {
  private readonly clusters: Map<string, ClusterConfig>;
  private readonly kubeConfigs = new Map<string, KubeConfig>();

  constructor(
    private readonly options: {
      arm: ArmClientsFor;
      /** The portal's default Azure credential and the ARM endpoint it signs in for. */
      azureCredential: TokenCredential;
      resourceManagerEndpoint: string;
      clusters: ClusterConfig[];
    },
  ) {
    this.clusters = new Map(options.clusters.map(c => [c.name, c]));
  }

  async azurePrincipal(): Promise<{ objectId?: string; appId?: string }> {
    const token = await this.options.azureCredential.getToken(
      `${this.options.resourceManagerEndpoint}/.default`,
    );
    if (!token) throw new Error('Entra ID issued no token');
    // Only the ids are kept; the token itself goes nowhere.
    const claims = JSON.parse(
      Buffer.from(token.token.split('.')[1] ?? '', 'base64url').toString(
        'utf8',
      ) || '{}',
    );
    return {
      objectId: typeof claims.oid === 'string' ? claims.oid : undefined,
      appId: typeof claims.appid === 'string' ? claims.appid : undefined,
    };
  }

  async azurePermissions(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<AzurePermission[]> {
    const { authorization } = this.options.arm(options.subscriptionId);
    const permissions: AzurePermission[] = [];
    try {
      for await (const permission of authorization.permissions.listForResourceGroup(
        options.resourceGroup,
      )) {
        permissions.push(permission);
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ResourceGroupNotFound') {
        throw new ResourceGroupMissingError(
          `resource group ${options.resourceGroup} does not exist in subscription ${options.subscriptionId}`,
        );
      }
      throw error;
    }
    return permissions;
  }

  async kubernetesUser(options: {
    cluster: string;
    role: KubernetesRole;
  }): Promise<string> {
    const review = await this.kubeConfig(options)
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        },
      });
    return review.status?.userInfo?.username ?? 'unknown user';
  }

  async kubernetesAllows(options: {
    cluster: string;
    role: KubernetesRole;
    need: KubernetesNeed;
  }): Promise<boolean> {
    const { need } = options;
    const review = await this.kubeConfig(options)
      .makeApiClient(AuthorizationV1Api)
      .createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: need.verb,
              group: need.group,
              resource: need.resource,
              subresource: need.subresource,
              namespace: need.namespace,
              name: need.name,
            },
          },
        },
      });
    return review.status?.allowed === true;
  }

  private kubeConfig(options: {
    cluster: string;
    role: KubernetesRole;
  }): KubeConfig {
    const key = `${options.cluster}/${options.role}`;
    let kc = this.kubeConfigs.get(key);
    if (!kc) {
      const cluster = this.clusters.get(options.cluster);
      if (!cluster) {
        throw new Error(`cluster '${options.cluster}' is not configured`);
      }
      const credential =
        options.role === 'provisioner' && cluster.provisioner
          ? cluster.provisioner.credential
          : cluster.kubernetes.credential;
      kc = kubeConfigFor({
        cluster: cluster.name,
        connection: cluster.kubernetes,
        credential,
        azureCredential: this.options.azureCredential,
      });
      this.kubeConfigs.set(key, kc);
    }
    return kc;
  }
}
