import { RequestFormClient } from './RequestFormClient';
import { backendApis, fakeBackend, STORAGE } from './__testUtils__/fakeBackend';

const spec = {
  entityRef: 'component:default/payments-worker',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

function clientOf(backend: ReturnType<typeof fakeBackend>) {
  const [[, discoveryApi], [, fetchApi]] = backendApis(backend);
  return new RequestFormClient({
    discoveryApi: discoveryApi as any,
    fetchApi: fetchApi as any,
  });
}

describe('RequestFormClient', () => {
  it.each([
    [
      403,
      'component:default/payments-worker is owned by group:default/team-payments; only its owners, and those the permission policy allows, may request Azure access for it',
    ],
    [404, 'component:default/payments-worker is not in the catalog'],
  ])(
    "fails a plan refused with %i with the backend's own message",
    async (status, message) => {
      const backend = fakeBackend();
      backend.routes['POST /plan'] = () => ({
        status,
        body: { error: { message } },
      });
      await expect(clientOf(backend).plan(spec)).rejects.toThrow(
        new Error(message),
      );
    },
  );

  it('answers an ownership refusal field by field, as the backend words it', async () => {
    const backend = fakeBackend();
    const problems = [
      {
        field: 'serviceAccountName',
        message:
          'orders/orders-api is bound to an identity of component:default/orders-api; pick a service account of your own',
      },
      {
        field: 'environment',
        message:
          "aks-prod serves production in the portal's configuration, not development; leave the environment out",
      },
    ];
    backend.routes['POST /plan'] = () => ({
      status: 400,
      body: { error: { message: 'no plan can be made', problems } },
    });
    expect(await clientOf(backend).plan(spec)).toEqual({
      ok: false,
      message: 'no plan can be made',
      problems,
    });
  });

  it('names the status when the backend says nothing', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({ status: 403, body: {} });
    await expect(clientOf(backend).plan(spec)).rejects.toThrow(
      'the Azure Workload Identity backend answered HTTP 403',
    );
  });
});
