import {
  MutatingWebhook,
  MutatingWebhookConfiguration,
} from '../../inspection/kubernetesTypes';

/** The webhook entry is found by its name, not by the configuration object's name. */
export const WEBHOOK_ENTRY_NAME = 'mutation.azure-workload-identity.io';

export function webhookEntries(
  configurations: MutatingWebhookConfiguration[],
): { configuration: string; webhook: MutatingWebhook }[] {
  return configurations.flatMap(c =>
    c.webhooks
      .filter(w => w.name === WEBHOOK_ENTRY_NAME)
      .map(webhook => ({ configuration: c.metadata.name, webhook })),
  );
}
