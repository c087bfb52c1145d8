import { ConfigReader } from '@backstage/config';
import { readInspectionConfig } from './readInspectionConfig';

const read = (inspection: object) =>
  readInspectionConfig(
    new ConfigReader({ azureWorkloadIdentity: { inspection } }),
  );

describe('readInspectionConfig', () => {
  it('leaves every health rule setting to the catalogue unless set', () => {
    expect(read({}).healthRules).toEqual({});
  });

  it('reads the health rule settings that are set', () => {
    expect(
      read({
        healthRules: {
          maxComponentsPerIdentity: 3,
          ficNearLimit: 18,
          inspectSecrets: true,
          externalIssuers: ['https://token.actions.githubusercontent.com'],
        },
      }).healthRules,
    ).toEqual({
      maxComponentsPerIdentity: 3,
      ficNearLimit: 18,
      inspectSecrets: true,
      externalIssuers: ['https://token.actions.githubusercontent.com'],
    });
  });

  it('names the key to fix for a bad value', () => {
    expect(() => read({ healthRules: { ficNearLimit: 0 } })).toThrow(
      "azureWorkloadIdentity.inspection.healthRules.ficNearLimit must be a whole number of at least 1, got '0'",
    );
    expect(() =>
      read({ healthRules: { externalIssuers: ['http://issuer.example'] } }),
    ).toThrow(
      "azureWorkloadIdentity.inspection.healthRules.externalIssuers must be https URLs, got 'http://issuer.example'",
    );
  });
});
