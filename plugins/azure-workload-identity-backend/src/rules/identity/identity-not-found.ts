import { IDENTITY_GONE_MASKS } from './identityGoneMasks';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { issuerPlaceholderNote, resourceGroupArgs } from '../azArgs';
import { newIdentityCommand, ROLES_AFTERWARDS } from './newIdentity';

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
  fix: 'Re-creates the identity and its federated credential by hand and annotates the service account with the new client id (requesting access again from the card does the same, role assignments included).',
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
          newIdentityCommand(unit, {
            name: recorded.name,
            where: resourceGroupArgs(recorded.resourceId),
            federatedCredential:
              unit.request?.federatedCredential?.name ??
              `${unit.ns}-${unit.sa}`,
          }),
          'component',
          {
            note: [
              "Requesting access again from the component's card does all of this, role assignments included.",
              ROLES_AFTERWARDS,
              issuerPlaceholderNote(unit),
            ]
              .filter(Boolean)
              .join(' '),
          },
        ),
        ref: refs.azure(recorded.resourceId, 'UserAssignedIdentity'),
      }),
    ];
  },
};
