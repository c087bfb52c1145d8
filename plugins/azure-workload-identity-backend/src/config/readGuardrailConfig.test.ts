import { ConfigReader } from '@backstage/config';
import {
  readGuardrailConfig,
  validationActionsOf,
} from './readGuardrailConfig';

describe('readGuardrailConfig', () => {
  it('is off unless configured, and a cluster may differ from the rest', () => {
    const settingsOf = readGuardrailConfig(
      new ConfigReader({
        azureWorkloadIdentity: {
          guardrails: { mode: 'audit' },
          clusters: [
            {
              name: 'aks-prod',
              guardrails: {
                mode: 'deny',
                requireProvisionedServiceAccounts: true,
              },
            },
            { name: 'aks-dev' },
          ],
        },
      }),
    );
    expect(settingsOf('aks-prod')).toEqual({
      mode: 'deny',
      requireProvisionedServiceAccounts: true,
    });
    expect(settingsOf('aks-dev')).toEqual({
      mode: 'audit',
      requireProvisionedServiceAccounts: false,
    });
    expect(readGuardrailConfig(new ConfigReader({}))('any')).toEqual({
      mode: 'off',
      requireProvisionedServiceAccounts: false,
    });
  });

  it('names the setting and the values it takes when the mode is wrong', () => {
    expect(() =>
      readGuardrailConfig(
        new ConfigReader({
          azureWorkloadIdentity: {
            clusters: [{ name: 'aks-prod', guardrails: { mode: 'enforce' } }],
          },
        }),
      ),
    ).toThrow(
      "azureWorkloadIdentity.clusters[0].guardrails.mode 'enforce' is not a guardrail mode: use off, audit or deny",
    );
  });

  it('never combines Deny with Warn, which the API server refuses', () => {
    expect(validationActionsOf('deny')).toEqual(['Deny']);
    expect(validationActionsOf('audit')).toEqual(['Audit', 'Warn']);
  });
});
