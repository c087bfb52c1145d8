import { mockServices } from '@backstage/backend-test-utils';
import {
  actionContext,
  logLines,
  testSettings,
} from '../__testUtils__/actionContext';
import { fakeApi } from '../__testUtils__/fakeApi';
import {
  readsToActive,
  REQUEST_ID,
  requestView,
  STORAGE,
} from '../__testUtils__/requests';
import { createRequestAccessAction } from './requestAccess';

const input = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

const REQUEST_URL = `http://backstage.test/azure-workload-identity/requests/${REQUEST_ID}`;

describe('azure:workload-identity:request, once the request is active', () => {
  it('says what is true once active, and what remains: the label for the pods and the wait for the roles', async () => {
    const api = fakeApi({
      create: requestView('approved', []),
      reads: readsToActive(),
    });
    const { ctx, logger } = actionContext({ input });

    await createRequestAccessAction({
      api,
      auth: mockServices.auth(),
      settings: testSettings(),
    }).handler(ctx);

    const said = logLines(logger, 'info').join('\n');
    expect(said).not.toMatch(/verified|get their Azure token|access is active/);
    expect(logLines(logger, 'info')).toEqual(
      expect.arrayContaining([
        'The chain is ready: managed identity id-orders-api-aks-prod trusts service account orders/orders-api on aks-prod.',
        `The pods must carry the label azure.workload.identity/use: "true" and run as service account orders-api. For the component's deployment orders-api (this also restarts its pods): kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"orders-api"}}}}'`,
        expect.stringMatching(
          /^Azure may take up to 10 minutes to apply a new role assignment \(https:\/\/learn\.microsoft\.com\/azure\/role-based-access-control\/troubleshooting\)/,
        ),
        `Details: ${REQUEST_URL}`,
      ]),
    );
  });

  it('puts out the next step for the run’s output page', async () => {
    const api = fakeApi({
      create: requestView('approved', []),
      reads: readsToActive(),
    });
    const { ctx, outputs } = actionContext({ input });

    await createRequestAccessAction({
      api,
      auth: mockServices.auth(),
      settings: testSettings(),
    }).handler(ctx);

    expect(outputs().nextStep).toMatch(
      /^The chain is ready: [^\n]+\n\n[^\n]+\n\nThe pods must carry the label azure\.workload\.identity\/use: "true"[^`]+```\nkubectl -n orders patch deployment orders-api /,
    );
  });
});
