import { AccessRequestRecord, RequestStatus } from '../requests/types';
import { Grant, grantsData } from './grantsConfigMap';
import { expectedGuardrailPolicies } from './guardrailManifests';
import { GUARDRAIL_VERSION_ANNOTATION } from './guardrailNames';
import {
  ExpectedClusterGuardrails,
  guardrailExpectations,
  guardrailFacts,
} from './inspectedGuardrails';

const prod = {
  name: 'aks-prod',
  environment: 'production' as const,
  namespaceEnvironments: [],
};
const policies = expectedGuardrailPolicies(prod, {
  mode: 'deny',
  requireProvisionedServiceAccounts: false,
});
const installedPolicies = policies.map(o => ({
  kind: o.kind,
  name: o.metadata.name,
  version: o.metadata.annotations?.[GUARDRAIL_VERSION_ANNOTATION],
}));
const grant = (requestId: string, clientId: string): Grant => ({
  namespace: 'orders',
  serviceAccount: `sa-${requestId}`,
  clientId,
  requestId,
});

function expected(
  overrides: Partial<ExpectedClusterGuardrails> = {},
): ExpectedClusterGuardrails {
  return {
    policies,
    grants: [grant('req-1', 'AAAA-1')],
    settling: [],
    appliedBy: 'portal',
    ...overrides,
  };
}

describe('guardrailFacts', () => {
  it('is current when the cluster holds the policies and the grants, and lists the granted client ids', () => {
    const facts = guardrailFacts({
      expected: expected(),
      installed: {
        objects: installedPolicies,
        grants: {
          data: grantsData([grant('req-1', 'AAAA-1')]),
          resourceVersion: '3',
        },
      },
    });
    expect(facts).toEqual({
      state: 'current',
      missing: [],
      outdated: [],
      grants: 'current',
      granted: { orders: ['aaaa-1'] },
      appliedBy: 'portal',
    });
  });

  it('is missing on a cluster that holds none of it', () => {
    expect(
      guardrailFacts({ expected: expected(), installed: { objects: [] } }),
    ).toMatchObject({ state: 'missing', grants: 'missing' });
  });

  it('is outdated when a grant is missing from the ConfigMap', () => {
    expect(
      guardrailFacts({
        expected: expected(),
        installed: {
          objects: installedPolicies,
          grants: { data: {}, resourceVersion: '3' },
        },
      }),
    ).toMatchObject({ state: 'outdated', grants: 'outdated' });
  });

  it('leaves out the grants of requests being applied or revoked, on either side', () => {
    const facts = guardrailFacts({
      expected: expected({
        grants: [grant('req-1', 'aaaa-1'), grant('req-new', 'bbbb-2')],
        settling: ['req-new', 'req-going'],
      }),
      installed: {
        objects: installedPolicies,
        grants: {
          data: grantsData([
            grant('req-1', 'aaaa-1'),
            grant('req-going', 'cccc-3'),
          ]),
          resourceVersion: '4',
        },
      },
    });
    expect(facts.state).toBe('current');
    // A request being applied has its grant already: its own annotation is admitted.
    expect(facts.granted).toEqual({ orders: ['aaaa-1', 'bbbb-2'] });
  });

  it('carries where the manifests are served', () => {
    expect(
      guardrailFacts({
        expected: expected({ manifestsUrl: 'https://b/guardrails/aks-prod' }),
        installed: { objects: [] },
      }).manifestsUrl,
    ).toBe('https://b/guardrails/aks-prod');
  });
});

function record(
  id: string,
  status: RequestStatus,
  cluster = 'aks-prod',
): AccessRequestRecord {
  return {
    id,
    status,
    cluster,
    entityRef: 'component:default/orders-api',
    requestedBy: 'user:default/olivia-orders',
    namespace: 'orders',
    serviceAccountName: `sa-${id}`,
    spec: {} as AccessRequestRecord['spec'],
    planHash: `hash-${id}`,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('guardrailExpectations', () => {
  const requests = [
    record('active', 'active'),
    record('applying', 'applying'),
    record('revoking', 'revoking'),
    record('elsewhere', 'revoking', 'aks-dev'),
  ];
  const expectations = (provisioner: boolean) =>
    guardrailExpectations({
      clusters: [{ ...prod, ...(provisioner ? { provisioner: {} } : {}) }],
      settingsOf: () => ({
        mode: 'audit',
        requireProvisionedServiceAccounts: false,
      }),
      stores: {
        requests: {
          async listRequests(query) {
            const items = requests.filter(r => r.status === query.status);
            return { items, totalCount: items.length };
          },
        },
        applied: {
          async appliedSteps({ id }) {
            return new Map([['identity', { clientId: `cid-${id}` }]]);
          },
        },
      },
      backendBaseUrl: 'https://backstage.example.com/',
    });

  it('gives the mode, the policies, the grants and the requests still settling on the cluster', async () => {
    const source = expectations(true);
    expect(source.modeOf('aks-prod')).toBe('audit');
    const found = await source.expected('aks-prod');
    expect(found.policies.map(p => p.metadata.annotations)).toEqual(
      expectedGuardrailPolicies(prod, {
        mode: 'audit',
        requireProvisionedServiceAccounts: false,
      }).map(p => p.metadata.annotations),
    );
    expect(found.grants.map(g => g.requestId).sort()).toEqual([
      'active',
      'applying',
    ]);
    expect([...found.settling].sort()).toEqual(['applying', 'revoking']);
    expect(found.appliedBy).toBe('portal');
    expect(found.manifestsUrl).toBe(
      'https://backstage.example.com/api/azure-workload-identity/guardrails/aks-prod',
    );
  });

  it('says the platform team applies them where the portal has no provisioner there', async () => {
    expect((await expectations(false).expected('aks-prod')).appliedBy).toBe(
      'platform',
    );
  });

  it('refuses a cluster that is not configured', async () => {
    await expect(expectations(true).expected('aks-test')).rejects.toThrow(
      "cluster 'aks-test' is not configured",
    );
  });
});
