import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * Tokens to call the backend plugin as the user who ran the template, so the backend records
 * that person as the requester and applies their permissions, not the scaffolder's. A new one
 * for each call, as a long wait can outlive the first.
 */
export function initiatorToken(options: {
  auth: AuthService;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}): () => Promise<string> {
  return async () => {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.getInitiatorCredentials(),
      targetPluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    });
    return token;
  };
}
