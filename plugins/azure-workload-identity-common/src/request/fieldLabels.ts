// The titles the "Request Azure access" template gives its fields
// (templates/request-azure-access/template.yaml), so an error names what the person sees.
const LABELS: Record<string, string> = {
  entityRef: 'Component',
  cluster: 'AKS cluster',
  namespace: 'Namespace',
  serviceAccountName: 'Service account',
  resources: 'Resources the service needs',
  justification: 'Why the service needs this',
  expiresAt: 'Access ends on',
  environment: 'Environment',
  identity: 'Managed identity',
  'identity.name': 'Managed identity name',
  'identity.resourceId': 'Managed identity to reuse',
  '(request)': 'The request',
};

// What each part of one picked resource is called beside "Resource 2".
const ROW_PARTS: Record<string, (row: string) => string> = {
  resourceId: row => row,
  intent: row => `Intent of ${row.toLowerCase()}`,
  permissions: row => `Permissions on ${row.toLowerCase()}`,
  mustNot: row => `What ${row.toLowerCase()} must not allow`,
  role: row => `Role on ${row.toLowerCase()}`,
  allowPrivileged: row => `Privileged role on ${row.toLowerCase()}`,
};

/**
 * The label of the field a problem is about, from the path the backend and the validators
 * report (`resources[0].resourceId` is "Resource 1", as the picker numbers its rows). The form,
 * the scaffolder action and the backend's refusals all say it so.
 *
 * @public
 */
export function fieldLabel(path: string): string {
  const row = /^resources\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (row) {
    const name = `Resource ${Number(row[1]) + 1}`;
    const part = row[2] ? ROW_PARTS[row[2]] : undefined;
    return part ? part(name) : name;
  }
  return LABELS[path] ?? path;
}
