import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import { TEAM_PAYMENTS } from '../__testUtils__/components';
import { planned } from '../__testUtils__/planAssertions';
import { plannerFor } from '../__testUtils__/planner';
import {
  baseSpec,
  existingIdentity,
  healthyWorld,
  IDENTITY_ID,
  STORAGE,
  SUBSCRIPTION,
  VAULT,
} from '../__testUtils__/world';
import { PlanOutcome } from './Plan';

const CLIENT_ID = 'azure.workload.identity/client-id';
const PAYMENTS_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-payments`;
const paymentsIdentity = {
  resourceId: PAYMENTS_ID,
  name: 'wi-payments',
  clientId: '33333333-0000-0000-0000-000000000003',
  principalId: '44444444-0000-0000-0000-000000000004',
  tags: { 'backstage-entity-ref': 'component:default/payments-worker' },
};
const paymentsHoldings = {
  credentials: [
    {
      name: 'payments-worker',
      issuer: 'https://issuer.example/',
      subject: 'system:serviceaccount:payments:payments-worker',
      audiences: ['api://AzureADTokenExchange'],
    },
  ],
  roles: [
    {
      roleId: findBuiltinRole('Key Vault Secrets User')!.id,
      scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-payments`,
    },
  ],
};

const refusals = (outcome: PlanOutcome) => (outcome.ok ? [] : outcome.refusals);
const reasons = (outcome: PlanOutcome) =>
  planned(outcome).approvalReasons.map(r => r.code);

describe('Planner: who owns what the plan touches', () => {
  it('refuses a component the catalog does not have', async () => {
    const outcome = await plannerFor(healthyWorld()).plan(
      baseSpec({ entityRef: 'component:default/ghost-not-in-catalog' }),
    );
    expect(refusals(outcome)).toEqual([
      {
        field: 'entityRef',
        message: expect.stringContaining('is not in the catalog'),
      },
    ]);
  });

  describe('namespaces', () => {
    it("refuses another team's namespace by default, naming its owner", async () => {
      const world = healthyWorld().ownNamespace(
        'aks-prod',
        'orders',
        TEAM_PAYMENTS,
      );
      expect(refusals(await plannerFor(world).plan(baseSpec()))).toEqual([
        {
          field: 'namespace',
          message: expect.stringContaining(
            'Namespace orders on aks-prod belongs to group:default/team-payments',
          ),
        },
      ]);
    });

    it('sends it to approval instead when the policy says so', async () => {
      const world = healthyWorld().ownNamespace(
        'aks-prod',
        'orders',
        TEAM_PAYMENTS,
      );
      const outcome = await plannerFor(world, {
        otherOwners: { namespace: 'approval', identity: 'refuse' },
      }).plan(baseSpec());
      expect(reasons(outcome)).toEqual(['other-team-namespace']);
    });

    it('sends a namespace nobody owns to approval', async () => {
      const world = healthyWorld().ownNamespace(
        'aks-prod',
        'orders',
        undefined,
      );
      expect(reasons(await plannerFor(world).plan(baseSpec()))).toEqual([
        'namespace-unowned',
      ]);
    });
  });

  describe('service accounts', () => {
    it("never re-points a service account at another component's identity", async () => {
      const world = healthyWorld()
        .addIdentity(paymentsIdentity)
        .addServiceAccount('aks-prod', 'orders', 'orders-api', {
          [CLIENT_ID]: paymentsIdentity.clientId,
        });
      expect(refusals(await plannerFor(world).plan(baseSpec()))).toEqual([
        {
          field: 'serviceAccountName',
          message: expect.stringContaining(
            'identity wi-payments (client id 33333333-0000-0000-0000-000000000003), which belongs to component:default/payments-worker',
          ),
        },
      ]);
    });

    it('refuses to re-point a service account at a client id nothing traces to the component', async () => {
      const world = healthyWorld().addServiceAccount(
        'aks-prod',
        'orders',
        'orders-api',
        { [CLIENT_ID]: '55555555-0000-0000-0000-000000000005' },
      );
      expect(refusals(await plannerFor(world).plan(baseSpec()))).toEqual([
        {
          field: 'serviceAccountName',
          message: expect.stringContaining('which nothing records as'),
        },
      ]);
    });

    it('moves a service account between two identities of the same component', async () => {
      const older = {
        ...paymentsIdentity,
        resourceId: PAYMENTS_ID.replace('wi-payments', 'wi-orders-old'),
        name: 'wi-orders-old',
        tags: { 'backstage-entity-ref': 'component:default/orders-api' },
      };
      const world = healthyWorld()
        .addIdentity(older)
        .addServiceAccount('aks-prod', 'orders', 'orders-api', {
          [CLIENT_ID]: older.clientId,
        });
      expect(refusals(await plannerFor(world).plan(baseSpec()))).toEqual([]);
    });

    it("refuses a service account that another component's pods run as", async () => {
      const world = healthyWorld()
        .addServiceAccount('aks-prod', 'orders', 'orders-api')
        .addPod('aks-prod', 'orders', {
          name: 'orders-api-7d9f-abcde',
          serviceAccountName: 'orders-api',
          labels: { 'backstage.io/kubernetes-id': 'orders-api' },
        });
      const outcome = await plannerFor(world).plan(
        baseSpec({ entityRef: 'component:default/search-indexer' }),
      );
      expect(refusals(outcome)).toEqual([
        {
          field: 'serviceAccountName',
          message: expect.stringContaining(
            'Pods of orders-api (orders-api-7d9f-abcde) run as service account orders/orders-api',
          ),
        },
      ]);
      // Its own pods are no reason to refuse.
      expect(refusals(await plannerFor(world).plan(baseSpec()))).toEqual([]);
    });
  });

  describe('identities', () => {
    const reusePayments = baseSpec({ identity: { resourceId: PAYMENTS_ID } });
    const withPayments = () =>
      healthyWorld().addIdentity(
        paymentsIdentity,
        paymentsHoldings.credentials,
        paymentsHoldings.roles,
      );

    it("refuses another component's identity, naming its owner and what it holds", async () => {
      const [refusal] = refusals(
        await plannerFor(withPayments()).plan(reusePayments),
      );
      expect(refusal.field).toBe('identity');
      expect(refusal.message).toContain(
        'Managed identity wi-payments belongs to component:default/payments-worker',
      );
      expect(refusal.message).toContain(
        '1 federated credential (system:serviceaccount:payments:payments-worker)',
      );
      expect(refusal.message).toContain(
        '1 role assignment (Key Vault Secrets User on /subscriptions/',
      );
    });

    it('sends it to approval instead when the policy says so', async () => {
      const outcome = await plannerFor(withPayments(), {
        otherOwners: { namespace: 'refuse', identity: 'approval' },
      }).plan(reusePayments);
      expect(reasons(outcome)).toEqual(['other-component-identity']);
    });

    it("knows another component's identity from the request records when it has no tag", async () => {
      const world = healthyWorld().addIdentity({
        ...paymentsIdentity,
        tags: {},
      });
      const outcome = await plannerFor(world, {
        identityUses: async id =>
          id === PAYMENTS_ID
            ? [
                {
                  entityRef: 'component:default/payments-worker',
                  status: 'active',
                },
              ]
            : [],
      }).plan(reusePayments);
      expect(refusals(outcome)[0].message).toContain(
        'belongs to component:default/payments-worker',
      );
    });

    it('sends an identity made outside the portal to approval, with what it holds', async () => {
      const world = healthyWorld().addIdentity(
        existingIdentity,
        [],
        [
          {
            roleId: findBuiltinRole('Reader')!.id,
            scope: `/subscriptions/${SUBSCRIPTION}`,
          },
        ],
      );
      const plan = planned(
        await plannerFor(world).plan(
          baseSpec({ identity: { resourceId: IDENTITY_ID } }),
        ),
      );
      expect(plan.approvalReasons).toEqual([
        {
          code: 'identity-unowned',
          message: expect.stringContaining(
            'It already holds 1 role assignment (Reader on /subscriptions/',
          ),
        },
      ]);
    });

    it("reuses the component's own identity without approval", async () => {
      const world = healthyWorld().addIdentity({
        ...existingIdentity,
        tags: { 'backstage-entity-ref': 'component:default/orders-api' },
      });
      expect(
        reasons(
          await plannerFor(world).plan(
            baseSpec({ identity: { resourceId: IDENTITY_ID } }),
          ),
        ),
      ).toEqual([]);
    });
  });

  it("sends access to another team's resource to approval, naming the team", async () => {
    const world = healthyWorld().tagResource(VAULT, {
      'backstage-owner': TEAM_PAYMENTS,
    });
    const plan = planned(await plannerFor(world).plan(baseSpec()));
    expect(plan.approvalReasons).toEqual([
      {
        code: 'other-team-resource',
        message: expect.stringContaining(
          'kv-orders belongs to group:default/team-payments',
        ),
      },
    ]);
    // Its own team's tag is no reason.
    world.tagResource(VAULT, {
      'backstage-owner': 'group:default/team-orders',
    });
    world.tagResource(STORAGE, { 'backstage-owner': 'team-orders' });
    expect(reasons(await plannerFor(world).plan(baseSpec()))).toEqual([]);
  });
});
