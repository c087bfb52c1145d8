import { resourceTypes } from '@backstage-community/plugin-azure-workload-identity-common';
import { BUILTIN_CLUSTER_CREDENTIALS } from '../config/clusterCredentials';
import { builtinApprovalPolicy } from '../planning/approvalPolicy';
import { HEALTH_RULES } from '../rules';
import { PluginExtensions } from './PluginExtensions';

/**
 * The plugin's own resource types, rules, approval policy and cluster credentials, added
 * through the extension points before any module's: the built-in approval policy runs first,
 * and a module cannot take a built-in name.
 */
export function registerBuiltins(extensions: PluginExtensions): void {
  extensions.resourceTypes.addResourceTypes(...resourceTypes);
  extensions.healthRules.addHealthRules(...HEALTH_RULES);
  extensions.approvalPolicies.addApprovalPolicy(builtinApprovalPolicy);
  for (const [name, provider] of BUILTIN_CLUSTER_CREDENTIALS) {
    extensions.clusterCredentials.addClusterCredentialProvider(name, provider);
  }
}
