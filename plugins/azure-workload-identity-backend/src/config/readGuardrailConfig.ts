import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ValidationAction } from '../guardrails/kubernetesObjects';

/**
 * What the portal enforces in a cluster:
 * - `off`: nothing is written into the cluster (the default; the card says so);
 * - `audit`: violations are allowed, recorded in the API server's audit log and returned to the
 *   client as a warning (kubectl prints it), the way to find attachments made around the portal
 *   before refusing them;
 * - `deny`: violations are refused.
 */
export type GuardrailMode = 'off' | 'audit' | 'deny';

export interface GuardrailSettings {
  mode: GuardrailMode;
  /** Also refuse labelled pods whose service account the portal did not provision. */
  requireProvisionedServiceAccounts: boolean;
}

const MODES: readonly GuardrailMode[] = ['off', 'audit', 'deny'];

/**
 * Deny and Warn may not be combined; Audit with Warn both records and tells the client.
 * https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-actions
 */
export function validationActionsOf(mode: GuardrailMode): ValidationAction[] {
  return mode === 'deny' ? ['Deny'] : ['Audit', 'Warn'];
}

function readMode(config: Config | undefined, key: string) {
  const mode = config?.getOptionalString('mode');
  if (mode === undefined) return undefined;
  if (!MODES.includes(mode as GuardrailMode)) {
    throw new InputError(
      `${key}.mode '${mode}' is not a guardrail mode: use off, audit or deny`,
    );
  }
  return mode as GuardrailMode;
}

/**
 * `azureWorkloadIdentity.guardrails`, overridden per cluster by
 * `azureWorkloadIdentity.clusters[].guardrails`.
 */
export function readGuardrailConfig(
  config: Config,
): (cluster: string) => GuardrailSettings {
  const root = 'azureWorkloadIdentity.guardrails';
  const global = config.getOptionalConfig(root);
  const defaults: GuardrailSettings = {
    mode: readMode(global, root) ?? 'off',
    requireProvisionedServiceAccounts:
      global?.getOptionalBoolean('requireProvisionedServiceAccounts') ?? false,
  };
  const perCluster = new Map<string, GuardrailSettings>();
  (
    config.getOptionalConfigArray('azureWorkloadIdentity.clusters') ?? []
  ).forEach((cluster, i) => {
    const key = `azureWorkloadIdentity.clusters[${i}].guardrails`;
    const own = cluster.getOptionalConfig('guardrails');
    perCluster.set(cluster.getString('name'), {
      mode: readMode(own, key) ?? defaults.mode,
      requireProvisionedServiceAccounts:
        own?.getOptionalBoolean('requireProvisionedServiceAccounts') ??
        defaults.requireProvisionedServiceAccounts,
    });
  });
  return cluster => perCluster.get(cluster) ?? defaults;
}
