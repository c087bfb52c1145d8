import {
  findResourceType,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ApprovalPolicy,
  AzureWorkloadIdentityApprovalPolicyExtensionPoint,
  AzureWorkloadIdentityClusterCredentialsExtensionPoint,
  AzureWorkloadIdentityHealthRulesExtensionPoint,
  AzureWorkloadIdentityResourceTypesExtensionPoint,
  ClusterCredentialProvider,
  HealthRule,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { ClusterCredentialProviders } from '../config/clusterCredentials';
import { checkHealthRules } from '../rules/checkHealthRules';
import { resourceTypeProblem } from './checkResourceType';

/** What the plugin runs with: its built-ins and whatever modules added, checked. */
export interface RegisteredExtensions {
  resourceTypes: readonly ResourceTypeSpec[];
  healthRules: readonly HealthRule[];
  approvalPolicies: readonly ApprovalPolicy[];
  clusterCredentials: ClusterCredentialProviders;
}

/**
 * The implementations of the four extension points. The plugin adds its built-ins through the
 * same methods a module calls, so both are checked alike; at init the plugin seals what was
 * added, and anything added later is refused rather than silently ignored.
 */
export class PluginExtensions {
  private sealed = false;
  private readonly types: ResourceTypeSpec[] = [];
  private readonly rules: HealthRule[] = [];
  private readonly policies: ApprovalPolicy[] = [];
  private readonly credentials = new Map<string, ClusterCredentialProvider>();

  readonly resourceTypes: AzureWorkloadIdentityResourceTypesExtensionPoint = {
    addResourceTypes: (...types) => {
      this.mustBeOpen('resource types');
      for (const spec of types) {
        const problem = resourceTypeProblem(spec);
        if (problem) throw new Error(`resource type ${spec.type}: ${problem}`);
        if (findResourceType(spec.type, this.types)) {
          throw new Error(
            `resource type ${spec.type} is added twice; the plugin already knows it`,
          );
        }
        this.types.push(spec);
      }
    },
  };

  readonly healthRules: AzureWorkloadIdentityHealthRulesExtensionPoint = {
    addHealthRules: (...rules) => {
      this.mustBeOpen('health rules');
      this.rules.push(...rules);
    },
  };

  readonly approvalPolicies: AzureWorkloadIdentityApprovalPolicyExtensionPoint =
    {
      addApprovalPolicy: policy => {
        this.mustBeOpen('approval policies');
        if (typeof policy?.decide !== 'function' || !policy.id) {
          throw new Error(
            'an approval policy needs an id and a decide function',
          );
        }
        this.policies.push(policy);
      },
    };

  readonly clusterCredentials: AzureWorkloadIdentityClusterCredentialsExtensionPoint =
    {
      addClusterCredentialProvider: (name, provider) => {
        this.mustBeOpen('cluster credential providers');
        if (this.credentials.has(name)) {
          throw new Error(
            `cluster credential provider ${name} is added twice; pick another authProvider name`,
          );
        }
        if (typeof provider?.credentialFor !== 'function') {
          throw new Error(
            `cluster credential provider ${name} needs a credentialFor function`,
          );
        }
        this.credentials.set(name, provider);
      },
    };

  /** Checks and returns what was added; nothing can be added afterwards. */
  seal(): RegisteredExtensions {
    this.sealed = true;
    checkHealthRules(this.rules);
    return {
      resourceTypes: [...this.types],
      healthRules: [...this.rules],
      approvalPolicies: [...this.policies],
      clusterCredentials: new Map(this.credentials),
    };
  }

  private mustBeOpen(what: string) {
    if (this.sealed) {
      throw new Error(
        `azure-workload-identity: ${what} must be added in a module's init, before the plugin starts`,
      );
    }
  }
}
