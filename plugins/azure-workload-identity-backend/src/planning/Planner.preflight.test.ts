import { plannerFor } from '../__testUtils__/planner';
import { federatedCredentialName } from '@backstage-community/plugin-azure-workload-identity-common';
import { InMemoryPreflightReader } from '../__testUtils__/InMemoryPreflightReader';
import { fic, planned, refusals, step } from '../__testUtils__/planAssertions';
import {
  baseSpec,
  CONTAINER,
  existingIdentity,
  healthyWorld,
  IDENTITY_ID,
  ISSUER,
  STORAGE,
  SUBSCRIPTION,
  VAULT,
} from '../__testUtils__/world';

// What the planner makes of live state: what it adopts and what it refuses.
describe('Planner pre-flight', () => {
  describe('adoption of what exists', () => {
    it('reuses an identity, its credential for this subject under any name, and held roles', async () => {
      const world = healthyWorld().addIdentity(
        existingIdentity,
        [fic('hand-made', 'system:serviceaccount:orders:orders-api')],
        [
          {
            roleId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
            scope: `${CONTAINER}/`,
          },
        ],
      );
      const plan = planned(await plannerFor(world).plan(baseSpec()));

      expect(step(plan, 'ensure-identity')[0]).toMatchObject({
        action: 'adopt',
        resourceId: IDENTITY_ID,
      });
      expect(step(plan, 'ensure-federated-credential')[0]).toMatchObject({
        action: 'adopt',
        name: 'hand-made',
      });
      expect(
        step(plan, 'ensure-role-assignment').map(s => [s.roleName, s.action]),
      ).toEqual([
        ['Key Vault Secrets User', 'create'],
        ['Storage Blob Data Reader', 'adopt'],
      ]);
    });

    it('adopts an identity named by resource id', async () => {
      const world = healthyWorld().addIdentity(existingIdentity);
      const plan = planned(
        await plannerFor(world).plan(
          baseSpec({ identity: { resourceId: IDENTITY_ID } }),
        ),
      );
      expect(step(plan, 'ensure-identity')[0]).toMatchObject({
        action: 'adopt',
        name: 'id-orders-api-aks-prod',
      });
    });

    it('repoints a credential of our name that trusts an old issuer', async () => {
      const name = federatedCredentialName(baseSpec());
      const world = healthyWorld().addIdentity(existingIdentity, [
        fic(
          name,
          'system:serviceaccount:orders:orders-api',
          'https://old-issuer/',
        ),
      ]);
      const plan = planned(await plannerFor(world).plan(baseSpec()));
      const credential = step(plan, 'ensure-federated-credential')[0];
      expect(credential).toMatchObject({
        action: 'update',
        name,
        issuer: ISSUER,
      });
      expect(credential.why).toContain('https://old-issuer/');
    });

    it('corrects a trusting credential with the wrong audience', async () => {
      const world = healthyWorld().addIdentity(existingIdentity, [
        {
          ...fic('x1', 'system:serviceaccount:orders:orders-api'),
          audiences: ['api://other'],
        },
      ]);
      const plan = planned(await plannerFor(world).plan(baseSpec()));
      expect(step(plan, 'ensure-federated-credential')[0]).toMatchObject({
        action: 'update',
        name: 'x1',
      });
    });
  });

  describe('where new identities go', () => {
    const placement = {
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-workload-identities',
      location: 'westeurope',
    };

    it('refuses while the resource group for new identities does not exist, saying how to create it', async () => {
      const world = healthyWorld().withoutResourceGroup(
        SUBSCRIPTION,
        'rg-workload-identities',
      );
      const outcome = await plannerFor(world, {
        identityPlacement: placement,
      }).plan(baseSpec());
      expect(refusals(outcome)).toEqual([
        {
          field: 'identity',
          message: `the resource group 'rg-workload-identities' that holds new identities does not exist in subscription ${SUBSCRIPTION}; the platform team creates it once: az group create --name rg-workload-identities --location westeurope --subscription ${SUBSCRIPTION}`,
        },
      ]);
    });

    it('plans into it once it exists', async () => {
      const plan = planned(
        await plannerFor(healthyWorld(), {
          identityPlacement: placement,
        }).plan(baseSpec()),
      );
      expect(step(plan, 'ensure-identity')[0]).toMatchObject({
        resourceGroup: 'rg-workload-identities',
      });
    });
  });

  describe('the 20 federated credentials limit', () => {
    const others = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        fic(`other-${i + 1}`, `system:serviceaccount:team:app-${i + 1}`),
      );

    it('refuses a 21st credential and lists the existing ones', async () => {
      const world = healthyWorld().addIdentity(existingIdentity, others(20));
      const [refusal, ...rest] = refusals(
        await plannerFor(world).plan(baseSpec()),
      );
      expect(rest).toEqual([]);
      expect(refusal.field).toBe('identity');
      expect(refusal.message).toContain('already has 20 federated credentials');
      for (let i = 1; i <= 20; i++) {
        expect(refusal.message).toContain(
          `other-${i} (system:serviceaccount:team:app-${i})`,
        );
      }
    });

    it('still plans the 20th, and adopts when the 20 include this subject', async () => {
      const nineteen = healthyWorld().addIdentity(existingIdentity, others(19));
      expect((await plannerFor(nineteen).plan(baseSpec())).ok).toBe(true);

      const full = healthyWorld().addIdentity(existingIdentity, [
        ...others(19),
        fic('mine', 'system:serviceaccount:orders:orders-api'),
      ]);
      const plan = planned(await plannerFor(full).plan(baseSpec()));
      expect(step(plan, 'ensure-federated-credential')[0].action).toBe('adopt');
    });
  });

  describe('refusals from pre-flight', () => {
    it('refuses an unknown cluster without reading its namespaces', async () => {
      const world = healthyWorld();
      const outcome = await plannerFor(world).plan(
        baseSpec({ cluster: 'aks-nowhere' }),
      );
      expect(refusals(outcome)).toEqual([
        {
          field: 'cluster',
          message: expect.stringContaining("'aks-nowhere' is not known"),
        },
      ]);
      expect(world.reads.some(r => r.startsWith('namespace'))).toBe(false);
    });

    it('names both a disabled OIDC issuer and disabled workload identity, with the fix', async () => {
      const world = new InMemoryPreflightReader()
        .addCluster(
          {
            name: 'aks-prod',
            subscriptionId: SUBSCRIPTION,
            resourceGroup: 'rg-aks-prod',
            oidcIssuerEnabled: false,
            workloadIdentityEnabled: false,
          },
          ['orders'],
        )
        .addResources(CONTAINER, VAULT);
      const messages = refusals(await plannerFor(world).plan(baseSpec())).map(
        r => `${r.field}: ${r.message}`,
      );
      expect(messages).toEqual([
        expect.stringMatching(/^cluster: .*--enable-oidc-issuer/),
        expect.stringMatching(/^cluster: .*--enable-workload-identity/),
      ]);
    });

    it('refuses a missing namespace, a missing resource and a missing identity to reuse', async () => {
      const world = healthyWorld();
      world.resources.delete(VAULT.toLowerCase());
      const outcome = await plannerFor(world).plan(
        baseSpec({
          namespace: 'payments',
          identity: { resourceId: IDENTITY_ID },
        }),
      );
      expect(
        refusals(outcome)
          .map(r => r.field)
          .sort(),
      ).toEqual([
        'identity.resourceId',
        'namespace',
        'resources[1].resourceId',
      ]);
    });

    it('answers input the role compiler rejects before reading anything live', async () => {
      const world = healthyWorld();
      const outcome = await plannerFor(world).plan(
        baseSpec({
          resources: [
            { resourceId: STORAGE, role: 'Owner' },
            { resourceId: STORAGE, permissions: ['blob.fly'] },
          ],
        }),
      );
      expect(refusals(outcome)).toEqual([
        {
          field: 'resources[0].role',
          message: expect.stringContaining('privileged'),
        },
        {
          field: 'resources[1].permissions',
          message: expect.stringContaining("unknown permission 'blob.fly'"),
        },
      ]);
      expect(world.reads).toEqual([]);
    });
  });
});
