import { Plan } from '@backstage-community/plugin-azure-workload-identity-common';

// The provisioner's fixed step ids, for a timeline whose plan is not at hand.
const TITLES_BY_ID: Record<string, string> = {
  identity: 'Managed identity',
  'federated-credential': 'Federated credential',
  'service-account': 'Service account',
  verify: 'Token exchange check',
};

// The same by step kind, which `step-started` events record.
const TITLES_BY_KIND: Record<string, string> = {
  'ensure-identity': 'Managed identity',
  'ensure-federated-credential': 'Federated credential',
  'ensure-role-assignment': 'Role assignment',
  'ensure-service-account': 'Service account',
  verify: 'Token exchange check',
};

/**
 * A plan step by what it makes, as a person reads it in a timeline ("Managed identity
 * id-orders-api-aks-prod", "Role Storage Blob Data Reader on ordersdata"), never by its id
 * (`role-assignment-1`) or kind (`ensure-identity`).
 */
export function stepTitle(
  stepId: string,
  options: { plan?: Plan; kind?: string } = {},
): string {
  const step = options.plan?.steps.find(s => s.id === stepId);
  switch (step?.kind) {
    case 'ensure-identity':
      return `Managed identity ${step.name}`;
    case 'ensure-federated-credential':
      return `Federated credential ${step.name}`;
    case 'ensure-role-assignment':
      return `Role ${step.roleName} on ${resourceName(step.scope)}`;
    case 'ensure-service-account':
      return `Service account ${step.namespace}/${step.name}`;
    case 'verify':
      return `Token exchange check for ${step.namespace}/${step.serviceAccountName}`;
    default:
      break;
  }
  const roleNumber = /^role-assignment-(\d+)$/.exec(stepId)?.[1];
  if (roleNumber) return `Role assignment ${roleNumber}`;
  return (
    TITLES_BY_ID[stepId] ??
    (options.kind && TITLES_BY_KIND[options.kind]) ??
    'A step of the plan'
  );
}

/**
 * The name a scope is known by: the resource's, with its parent's for a sub-resource
 * ("ordersdata/orders" for a container of an account), the way people name them.
 */
export function resourceName(scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  const providers = parts.findIndex(p => p.toLowerCase() === 'providers');
  if (providers < 0) return parts.slice(-1)[0] ?? scope;
  // After the provider namespace come type/name pairs: account, then e.g. blobServices/default,
  // then containers/orders. Default service segments say nothing to a reader.
  const names = parts
    .slice(providers + 2)
    .filter((_part, index) => index % 2 === 1)
    .filter(name => name !== 'default');
  return names.join('/') || scope;
}
