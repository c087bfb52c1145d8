import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import {
  validateAccessTargets,
  validateCluster,
  validateNamespace,
  validatePlan,
} from './fieldValidation';
import { apiHolderOf, fakeBackend, STORAGE } from './__testUtils__/fakeBackend';

async function errorsOf(
  validator: (...args: any[]) => void | Promise<void>,
  value: unknown,
  formData: Record<string, unknown> = {},
  backend = fakeBackend(),
) {
  const validation = createFieldValidation();
  await validator(value, validation, {
    apiHolder: apiHolderOf(backend),
    formData,
    schema: {},
  });
  return validation.__errors;
}

const SQL_SERVER =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Sql/servers/sql-orders';

describe('the request form field validators', () => {
  it('accept a configured cluster and refuse another, naming the configured ones', async () => {
    expect(await errorsOf(validateCluster, 'aks-prod')).toEqual([]);
    expect(await errorsOf(validateCluster, 'aks-test')).toEqual([
      "'aks-test' is not a configured cluster; pick one of aks-prod, aks-gitops",
    ]);
  });

  it('refuse a namespace that does not exist on the picked cluster', async () => {
    expect(
      await errorsOf(validateNamespace, 'orders', { cluster: 'aks-prod' }),
    ).toEqual([]);
    expect(
      await errorsOf(validateNamespace, 'ordrs', { cluster: 'aks-prod' }),
    ).toEqual([
      "namespace 'ordrs' does not exist on aks-prod; create it first or pick one that exists",
    ]);
  });

  it('refuse resource rows the backend would refuse, asking it only which types it offers', async () => {
    const backend = fakeBackend();
    expect(
      await errorsOf(
        validateAccessTargets,
        [{ resourceId: STORAGE, intent: 'write' }],
        {},
        backend,
      ),
    ).toEqual([]);
    expect(
      await errorsOf(
        validateAccessTargets,
        [
          { resourceId: 'ordersdata', intent: 'read' },
          { resourceId: SQL_SERVER, intent: 'read' },
        ],
        {},
        backend,
      ),
    ).toEqual([
      expect.stringMatching(/^Resource 1: use a full Azure resource id/),
      'Resource 2: resources of type Microsoft.Sql/servers are not in the role catalogue; ask the platform team to add the type',
    ]);
    expect(await errorsOf(validateAccessTargets, [], {}, backend)).toEqual([
      'add at least one Azure resource',
    ]);
    expect(new Set(backend.calls)).toEqual(new Set(['GET /catalog/roles']));
  });

  it('accept a type a backend module adds, and the intents it takes', async () => {
    const backend = fakeBackend();
    const roles = backend.routes['GET /catalog/roles'];
    backend.routes['GET /catalog/roles'] = (...args) => {
      const answer = roles(...args);
      (answer.body as any).resourceTypes.push({
        type: 'Microsoft.Sql/servers',
        displayName: 'SQL server',
        intents: ['read'],
      });
      return answer;
    };
    expect(
      await errorsOf(
        validateAccessTargets,
        [{ resourceId: SQL_SERVER, intent: 'read' }],
        {},
        backend,
      ),
    ).toEqual([]);
    expect(
      await errorsOf(
        validateAccessTargets,
        [{ resourceId: SQL_SERVER, intent: 'manage' }],
        {},
        backend,
      ),
    ).toEqual(['Intent of resource 1: SQL server takes the intents read']);
  });

  it('refuse to go on when the backend cannot plan the request, saying what to change', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({
      status: 400,
      body: {
        error: {
          message: 'no plan can be made',
          problems: [
            {
              field: 'resources[0].intent',
              message: 'use read, write or manage',
            },
          ],
        },
      },
    });
    expect(
      await errorsOf(validatePlan, undefined, { cluster: 'aks-prod' }, backend),
    ).toEqual([
      'no plan can be made; go back and change Intent of resource 1 (use read, write or manage)',
    ]);
    expect(await errorsOf(validatePlan, 'sha256:x', {})).toEqual([]);
  });
});
