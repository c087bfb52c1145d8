import { stringify } from 'yaml';
import { ClusterConfig } from '../config/readClusterConfig';
import {
  GuardrailSettings,
  validationActionsOf,
} from '../config/readGuardrailConfig';
import { Grant, grantsConfigMap } from './grantsConfigMap';
import { guardrailPolicies } from './guardrailPolicies';
import {
  GUARDRAIL_NAMESPACE,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from './guardrailNames';
import { GuardrailObject } from './kubernetesObjects';
import { kyvernoClusterPolicy } from './kyvernoPolicy';
import { productionNamespaceCondition } from './productionNamespaces';

export type GuardrailCluster = Pick<
  ClusterConfig,
  'name' | 'environment' | 'namespaceEnvironments'
>;

/** The policies and bindings the cluster should hold, as the portal would write them. */
export function expectedGuardrailPolicies(
  cluster: GuardrailCluster,
  settings: GuardrailSettings,
): GuardrailObject[] {
  return guardrailPolicies({
    validationActions: validationActionsOf(settings.mode),
    productionNamespaces: productionNamespaceCondition(cluster),
    requireProvisionedServiceAccounts:
      settings.requireProvisionedServiceAccounts,
  });
}

/**
 * Everything a cluster in GitOps mode commits, in the order `kubectl apply -f` needs it: the
 * namespace, the grants, then the policies and their bindings. `kyverno` swaps the admission
 * policies for one Kyverno ClusterPolicy.
 */
export function guardrailManifests(options: {
  cluster: GuardrailCluster;
  settings: GuardrailSettings;
  grants: readonly Grant[];
  engine: 'admission-policy' | 'kyverno';
}): GuardrailObject[] {
  const namespace: GuardrailObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: GUARDRAIL_NAMESPACE,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
    },
  };
  const policies =
    options.engine === 'kyverno'
      ? [
          kyvernoClusterPolicy({
            cluster: options.cluster,
            validationActions: validationActionsOf(options.settings.mode),
          }),
        ]
      : expectedGuardrailPolicies(options.cluster, options.settings);
  return [namespace, grantsConfigMap(options.grants), ...policies];
}

/** One YAML document per object, as `kubectl apply -f` reads them. */
export function toYamlDocuments(objects: readonly GuardrailObject[]): string {
  return objects
    .map(object => stringify(object, { lineWidth: 0 }))
    .join('---\n');
}
