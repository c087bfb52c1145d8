import { grantsData } from './grantsConfigMap';
import { expectedGuardrailPolicies } from './guardrailManifests';
import { GUARDRAIL_VERSION_ANNOTATION } from './guardrailNames';
import { guardrailState } from './guardrailState';

const cluster = {
  name: 'aks-prod',
  environment: 'production' as const,
  namespaceEnvironments: [],
};
const expected = expectedGuardrailPolicies(cluster, {
  mode: 'deny',
  requireProvisionedServiceAccounts: false,
});
const expectedGrants = grantsData([
  {
    namespace: 'orders',
    serviceAccount: 'orders-api',
    clientId: 'aaaa-1',
    requestId: 'req-1',
  },
]);
const asInstalled = expected.map(o => ({
  kind: o.kind,
  name: o.metadata.name,
  version: o.metadata.annotations?.[GUARDRAIL_VERSION_ANNOTATION],
}));

describe('guardrailState', () => {
  it('is current when every policy is at its version and the grants match', () => {
    expect(
      guardrailState({
        expected,
        expectedGrants,
        installed: {
          objects: asInstalled,
          grants: { data: { ...expectedGrants }, resourceVersion: '7' },
        },
      }),
    ).toEqual({
      state: 'current',
      missing: [],
      outdated: [],
      grants: 'current',
    });
  });

  it('is missing on a cluster that holds none of it', () => {
    expect(
      guardrailState({ expected, expectedGrants, installed: { objects: [] } }),
    ).toMatchObject({ state: 'missing', grants: 'missing' });
  });

  it('names what is outdated: a policy of another version, and grants that differ', () => {
    const objects = asInstalled.map((o, i) =>
      i === 0 ? { ...o, version: 'older' } : o,
    );
    expect(
      guardrailState({
        expected,
        expectedGrants,
        installed: {
          objects: objects.slice(0, 3),
          grants: { data: {}, resourceVersion: '1' },
        },
      }),
    ).toEqual({
      state: 'outdated',
      missing: [
        'ValidatingAdmissionPolicyBinding/azure-workload-identity-no-default-sa',
      ],
      outdated: [
        'ValidatingAdmissionPolicy/azure-workload-identity-client-id-grants',
      ],
      grants: 'outdated',
    });
  });
});
