import {
  TokenExchangeInput,
  TokenExchangeOutcome,
  TokenExchangeProbe,
} from '../../clients/ProvisioningClients';
import { FakeAzureWriter } from './FakeAzureWriter';
import { FakeServiceAccountWriter } from './FakeServiceAccountWriter';

/**
 * Accepts the exchange when the chain in the fakes is whole: the service account names the
 * identity's client id and the identity has a credential for the account's subject. Before
 * that it answers as Entra ID does; `propagationCalls` more refusals model a new credential
 * not yet honoured.
 */
export class FakeTokenExchangeProbe implements TokenExchangeProbe {
  propagationCalls = 0;
  readonly calls: TokenExchangeInput[] = [];

  constructor(
    private readonly azure: FakeAzureWriter,
    private readonly serviceAccounts: FakeServiceAccountWriter,
  ) {}

  async exchange(input: TokenExchangeInput): Promise<TokenExchangeOutcome> {
    this.calls.push(input);
    const account = this.serviceAccounts.accounts.get(
      `${input.cluster}/${input.namespace}/${input.serviceAccountName}`,
    );
    if (!account) {
      return {
        ok: false,
        code: 'service-account-missing',
        message: 'no such service account',
      };
    }
    const subject = `system:serviceaccount:${input.namespace}:${input.serviceAccountName}`;
    const identity = [...this.azure.identities.values()].find(
      i => i.clientId === input.clientId,
    );
    const trusted = [...this.azure.federatedCredentials.values()].some(
      f =>
        identity &&
        f.identityResourceId.toLowerCase() ===
          identity.resourceId.toLowerCase() &&
        f.subject === subject,
    );
    if (!trusted || this.propagationCalls > 0) {
      if (this.propagationCalls > 0) this.propagationCalls--;
      return {
        ok: false,
        code: 'AADSTS700213',
        message: `No matching federated identity record found for presented assertion subject '${subject}'.`,
      };
    }
    return { ok: true };
  }
}
