import { DemoSandbox } from '../../clients/__testUtils__/startDemoSandbox';

const DEMO_SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';

/**
 * What the Azure twin holds for the identities of one name: how many there are, and the
 * federated credentials and role assignments of the first. Read from the twin's state, not
 * through the API under test.
 */
export function twinFootprint(
  demo: Pick<DemoSandbox, 'sandbox'>,
  identityName: string,
  subscriptionId = DEMO_SUBSCRIPTION,
) {
  const { state } = demo.sandbox.azure.twin;
  const identities = state
    .listIdentities({ subscriptionId })
    .filter(i => i.name === identityName);
  const identity = identities[0];
  return {
    identities: identities.length,
    federatedCredentials: identity
      ? state.listFederatedCredentials(identity).length
      : 0,
    assignments: identity
      ? state
          .listRoleAssignments()
          .filter(a => a.principalId === identity.principalId).length
      : 0,
  };
}
