import { Container } from '../../inspection/kubernetesTypes';
import { allContainers, hasEnv } from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

const NAMED = new Set([
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_USERNAME',
  'AZURE_PASSWORD',
  'AZURE_STORAGE_KEY',
  'AZURE_STORAGE_ACCOUNT_KEY',
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_SAS_TOKEN',
]);
const NAME_PATTERN =
  /(CONNECTION_?STRING|ACCOUNT_?KEY|SAS_?TOKEN|CLIENT_?SECRET)$/i;
const VALUE_PATTERN = /AccountKey=|SharedAccessKey=|SharedAccessSignature=/;
const SECRET_PATH = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_USERNAME',
];

/**
 * Static Azure credentials in a container's environment. Values are looked at in memory only;
 * evidence names the variable and where it comes from, never what it holds.
 */
export const podStaticCredentialEnv: BindingRule = {
  id: 'pod-static-credential-env',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2'],
  masks: [],
  severity: ['warning', 'error'],
  detects:
    "A container's environment holds a static Azure credential (a client secret, certificate, password, account key, connection string or SAS token, known by name or value), which can leak. An error when the Azure SDK would sign in with it instead of workload identity. Values are looked at in memory only, never reported.",
  fix: 'Removes the variable (and its Secret); then revoke the credential where it was issued.',
  evaluate({ unit }) {
    const spec = unit.pods[0]?.spec ?? unit.tpl?.spec;
    if (!spec) return [];
    for (const container of allContainers(spec)) {
      const found = (container.env ?? []).find(
        e =>
          NAMED.has(e.name) ||
          NAME_PATTERN.test(e.name) ||
          VALUE_PATTERN.test(e.value ?? ''),
      );
      if (!found) continue;
      const bypass =
        SECRET_PATH.includes(found.name) && takesSecretPath(container);
      const source = found.valueFrom?.secretKeyRef
        ? `secret/${found.valueFrom.secretKeyRef.name} key ${found.valueFrom.secretKeyRef.key}`
        : 'a literal value in the manifest';
      const [kind, name] = unit.workloadRef.split('/');
      const secret = found.valueFrom?.secretKeyRef?.name;
      return [
        findingOf(podStaticCredentialEnv, {
          severity: bypass ? 'error' : 'warning',
          state: 'degraded',
          message: `Container ${container.name} still gets ${
            found.name
          } from ${source}.${
            bypass
              ? ' With AZURE_CLIENT_SECRET present the Azure SDK signs in with the secret, not with workload identity.'
              : ''
          } The credential can leak and must be rotated.`,
          evidence: {
            expected: 'no static Azure credentials in the pod',
            actual: `env ${found.name} from ${source} in container ${container.name}`,
          },
          fix: commandFix(
            `kubectl -n ${unit.ns} set env ${kind}/${name} -c ${
              container.name
            } ${found.name}-${
              secret ? ` && kubectl -n ${unit.ns} delete secret ${secret}` : ''
            }`,
            'component',
            {
              note: 'Then revoke the credential where it was issued (the client secret in Entra ID, the account key or SAS token on the resource): removing it from the cluster does not stop a copy of it from working.',
            },
          ),
          ref: refs.workload(unit),
        }),
      ];
    }
    return [];
  },
};

// EnvironmentCredential comes before WorkloadIdentityCredential in DefaultAzureCredential.
function takesSecretPath(container: Container): boolean {
  return (
    hasEnv(container, 'AZURE_CLIENT_ID') && hasEnv(container, 'AZURE_TENANT_ID')
  );
}
