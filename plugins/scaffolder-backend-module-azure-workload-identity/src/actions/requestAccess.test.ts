import { Schema, Validator } from 'jsonschema';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createRequestAccessAction } from './requestAccess';

const input = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [
    {
      resourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
      intent: 'read' as const,
    },
  ],
};

describe('azure:workload-identity:request', () => {
  const action = createRequestAccessAction();

  it('has the documented id and an example', () => {
    expect(action.id).toBe('azure:workload-identity:request');
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('previews the federated subject in a dry run', async () => {
    const ctx = { ...createMockActionContext({ input }), isDryRun: true };
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'subject',
      'system:serviceaccount:orders:orders-api',
    );
  });

  it('says clearly that it cannot provision yet instead of pretending to', async () => {
    const ctx = createMockActionContext({ input });
    await expect(action.handler(ctx)).rejects.toThrow(
      /cannot provision Azure access yet/,
    );
  });

  // The scaffolder checks step input against the JSON schema derived from the zod schema
  // before the handler runs; these are the messages a template author sees.
  it.each([
    [{ namespace: 'Orders_Team' }, 'instance.namespace'],
    [{ entityRef: 'orders-api' }, 'instance.entityRef'],
    [{ resources: [] }, 'instance.resources'],
    [
      { resources: [{ resourceId: 'ordersdata', intent: 'read' }] },
      'instance.resources[0].resourceId',
    ],
    [
      {
        resources: [
          { resourceId: input.resources[0].resourceId, intent: 'own' },
        ],
      },
      'instance.resources[0].intent',
    ],
  ])('rejects input %j at %s', (change, property) => {
    const result = new Validator().validate(
      { ...input, ...change },
      action.schema?.input as Schema,
    );
    expect(result.errors.map(e => e.property)).toEqual([property]);
  });

  it('accepts the documented input', () => {
    const result = new Validator().validate(
      input,
      action.schema?.input as Schema,
    );
    expect(result.errors).toEqual([]);
  });
});
