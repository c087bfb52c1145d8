import { plannerFor } from '../__testUtils__/planner';
import { federatedCredentialName } from '@backstage-community/plugin-azure-workload-identity-common';
import { planned, step } from '../__testUtils__/planAssertions';
import {
  baseSpec,
  CONTAINER,
  healthyWorld,
  IDENTITY_ID,
  ISSUER,
  STORAGE,
  SUBSCRIPTION,
  VAULT,
} from '../__testUtils__/world';

describe('Planner', () => {
  it('plans the whole chain in order for a new identity', async () => {
    const plan = planned(await plannerFor(healthyWorld()).plan(baseSpec()));

    expect(plan.steps.map(s => s.kind)).toEqual([
      'ensure-identity',
      'ensure-federated-credential',
      'ensure-role-assignment',
      'ensure-role-assignment',
      'ensure-service-account',
      'verify',
    ]);
    expect(step(plan, 'ensure-identity')[0]).toMatchObject({
      action: 'create',
      name: 'id-orders-api-aks-prod',
      resourceId: IDENTITY_ID,
      location: 'westeurope',
    });
    expect(step(plan, 'ensure-federated-credential')[0]).toMatchObject({
      action: 'create',
      name: federatedCredentialName(baseSpec()),
      issuer: ISSUER,
      subject: 'system:serviceaccount:orders:orders-api',
      audience: 'api://AzureADTokenExchange',
    });
    expect(
      step(plan, 'ensure-role-assignment').map(s => [s.roleName, s.scope]),
    ).toEqual([
      ['Key Vault Secrets User', VAULT],
      ['Storage Blob Data Reader', CONTAINER],
    ]);
    const sa = step(plan, 'ensure-service-account')[0];
    expect(sa.annotations['azure.workload.identity/client-id']).toEqual({
      fromStep: 'identity',
      output: 'clientId',
    });
    expect(sa.labels).toEqual({
      'app.kubernetes.io/managed-by': 'backstage-azure-workload-identity',
      'backstage.io/kubernetes-id': 'orders-api',
    });
    expect(plan.steps.every(s => s.why.length > 20)).toBe(true);
    expect(new Set(plan.steps.map(s => s.id)).size).toBe(plan.steps.length);
    expect(plan).toMatchObject({
      requiresApproval: false,
      approvalReasons: [],
    });
  });

  it('places identities where configured and annotates the configured tenant', async () => {
    const plan = planned(
      await plannerFor(healthyWorld(), {
        identityPlacement: {
          subscriptionId: SUBSCRIPTION,
          resourceGroup: 'rg-identities',
          location: 'eastus',
        },
        tenantId: '72f988bf-0000-0000-0000-0000000000ff',
      }).plan(baseSpec({ identity: { name: 'id-orders' } })),
    );
    expect(step(plan, 'ensure-identity')[0].resourceId).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`,
    );
    expect(
      step(plan, 'ensure-service-account')[0].annotations[
        'azure.workload.identity/tenant-id'
      ],
    ).toBe('72f988bf-0000-0000-0000-0000000000ff');
  });

  describe('plan hash', () => {
    const planner = plannerFor(healthyWorld());
    const hashOf = async (spec = baseSpec()) =>
      planned(await planner.plan(spec)).planHash;

    it('is a sha256 that repeats for the same request, at any time', async () => {
      jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
      const first = await hashOf();
      jest.setSystemTime(new Date('2027-06-30T12:34:56Z'));
      const second = await hashOf();
      jest.useRealTimers();
      expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(second).toBe(first);
    });

    it('does not depend on the order or repetition of resources', async () => {
      const spec = baseSpec();
      const reversed = baseSpec({ resources: [...spec.resources].reverse() });
      const repeated = baseSpec({
        resources: [...spec.resources, spec.resources[0]],
      });
      expect(await hashOf(reversed)).toBe(await hashOf(spec));
      expect(await hashOf(repeated)).toBe(await hashOf(spec));
    });

    it('changes when what the plan does changes', async () => {
      const base = await hashOf();
      expect(
        await hashOf(baseSpec({ serviceAccountName: 'orders-api-2' })),
      ).not.toBe(base);
      expect(
        await hashOf(
          baseSpec({ resources: [{ resourceId: CONTAINER, intent: 'write' }] }),
        ),
      ).not.toBe(base);
    });
  });

  describe('approval policy', () => {
    const planner = plannerFor(healthyWorld());
    const reasonCodes = async (spec = baseSpec()) => {
      const plan = planned(await planner.plan(spec));
      expect(plan.requiresApproval).toBe(plan.approvalReasons.length > 0);
      return plan.approvalReasons.map(r => r.code);
    };

    it('auto-approves non-privileged roles on single resources outside production', async () => {
      expect(await reasonCodes(baseSpec({ environment: undefined }))).toEqual(
        [],
      );
      // The configured environment, repeated, changes nothing.
      expect(await reasonCodes(baseSpec({ environment: 'staging' }))).toEqual(
        [],
      );
    });

    it("takes the environment from the cluster's configuration, never the request", async () => {
      const inEnvironment = (environment?: 'production') => {
        const world = healthyWorld();
        world.clusters.set('aks-prod', {
          ...world.clusters.get('aks-prod')!,
          environment,
        });
        return plannerFor(world);
      };
      const production = planned(
        await inEnvironment('production').plan(
          baseSpec({ environment: undefined }),
        ),
      );
      expect(production.environment).toBe('production');
      expect(production.approvalReasons.map(r => r.code)).toEqual([
        'production',
      ]);

      // Unknown to the configuration: what the requester says does not make it development.
      const unknown = planned(
        await inEnvironment(undefined).plan(
          baseSpec({ environment: 'development' }),
        ),
      );
      expect(unknown.environment).toBeUndefined();
      expect(unknown.approvalReasons.map(r => r.code)).toEqual([
        'environment-unknown',
      ]);

      // A request that contradicts the configuration is refused, naming the field.
      expect(
        await inEnvironment('production').plan(
          baseSpec({ environment: 'development' }),
        ),
      ).toEqual({
        ok: false,
        refusals: [
          {
            field: 'environment',
            message: expect.stringContaining(
              'orders on aks-prod is production in the portal',
            ),
          },
        ],
      });
    });

    it('asks for approval for an explicitly allowed privileged role', async () => {
      expect(
        await reasonCodes(
          baseSpec({
            resources: [
              { resourceId: STORAGE, role: 'Owner', allowPrivileged: true },
            ],
          }),
        ),
      ).toEqual(['grants-access-role', 'wildcard-actions']);
    });

    it('asks for approval for a data owner role, even outside production', async () => {
      expect(
        await reasonCodes(
          baseSpec({ resources: [{ resourceId: STORAGE, intent: 'manage' }] }),
        ),
      ).toEqual(['data-owner-role']);
    });

    it('asks for approval when no built-in role meets a must-not', async () => {
      expect(
        await reasonCodes(
          baseSpec({
            resources: [
              {
                resourceId: CONTAINER,
                permissions: ['blob.read', 'blob.write'],
                mustNot: ['blob.delete'],
              },
            ],
          }),
        ),
      ).toEqual(['must-not-unmet']);
    });
  });
});
