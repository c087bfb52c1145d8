import { WORKLOAD_IDENTITY_USE_LABEL } from '@backstage-community/plugin-azure-workload-identity-common';
import { InspectionSnapshot } from '../snapshot';
import { binding, ok, pods, serviceAccount, workload } from './access';
import { baselineSnapshot } from './baselineWorld';

/**
 * The baseline after its one request was revoked as the portal revokes: the role assignments,
 * the federated credential and the service account's client id are gone, and (unless
 * `identityKept`) the identity too. What the team put on its workload stays as the options say.
 */
export function revokedSnapshot(
  options: {
    identityKept?: boolean;
    /** The pods still carry the workload identity label. */
    stillLabelled?: boolean;
    /** The manifest sets AZURE_CLIENT_ID itself. */
    envClientId?: string;
    status?: 'revoked' | 'expired';
  } = {},
): InspectionSnapshot {
  const s = baselineSnapshot();
  const request = ok(s.requests)[0];
  request.status = options.status ?? 'revoked';
  delete serviceAccount(s).metadata.annotations;
  const b = binding(s);
  if (!options.identityKept) {
    b.identity = { status: 'not-found', reason: 'the identity was deleted' };
    for (const inventory of s.identityInventory) {
      inventory.identities = { status: 'ok', value: [] };
    }
  }
  b.federatedCredentials = { status: 'ok', value: [] };
  b.roleAssignments = { status: 'ok', value: [] };
  // The inspector names the targets of requests that still build a chain.
  b.targets = [];
  if (!options.stillLabelled) {
    delete workload(s).template.metadata.labels?.[WORKLOAD_IDENTITY_USE_LABEL];
    for (const pod of pods(s)) {
      delete pod.metadata.labels?.[WORKLOAD_IDENTITY_USE_LABEL];
    }
  }
  if (options.envClientId) {
    workload(s).template.spec.containers[0].env = [
      { name: 'AZURE_CLIENT_ID', value: options.envClientId },
    ];
  }
  return s;
}
