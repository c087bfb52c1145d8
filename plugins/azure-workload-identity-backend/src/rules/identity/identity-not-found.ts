import { IDENTITY_GONE_MASKS } from './identityGoneMasks';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { resourceGroupArgs } from '../azArgs';

/** The recorded identity is gone: its credentials went with it, its roles point at nobody. */
export const identityNotFound: BindingRule = {
  id: 'identity-not-found',
  link: 'identity',
  scope: 'binding',
  reads: ['O3', 'A2'],
  masks: IDENTITY_GONE_MASKS,
  severity: 'error',
  detects:
    'The managed identity the request recorded no longer exists: its federated credentials went with it, and its role assignments point at nobody.',
  fix: 'Request access again from the card, or re-create the identity, its federated credential and role assignments by hand and annotate the service account with the new client id.',
  evaluate({ unit }) {
    const recorded = unit.request?.identity;
    if (!recorded || unit.binding.identity.status !== 'not-found') return [];
    if (
      unit.effClientId &&
      recorded.clientId &&
      unit.effClientId.toLowerCase() !== recorded.clientId.toLowerCase()
    ) {
      return [];
    }
    return [
      findingOf(identityNotFound, {
        severity: 'error',
        state: 'broken',
        message: `Managed identity ${recorded.name} no longer exists; its federated credentials went with it, and its role assignments now point at nobody.`,
        evidence: {
          expected: `userAssignedIdentities/${recorded.name} exists`,
          actual: '404 ResourceNotFound',
        },
        fix: commandFix(
          `Request access again from the component's card, or by hand: az identity create ${resourceGroupArgs(
            recorded.resourceId,
          )} -n ${
            recorded.name
          }, then its federated credential and role assignments, then kubectl -n ${
            unit.ns
          } annotate sa ${
            unit.sa
          } azure.workload.identity/client-id=<new client id> --overwrite && kubectl -n ${
            unit.ns
          } rollout restart ${unit.workloadRef}`,
        ),
        ref: refs.azure(recorded.resourceId, 'UserAssignedIdentity'),
      }),
    ];
  },
};
