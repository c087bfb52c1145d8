import { mockServices } from '@backstage/backend-test-utils';
import { ChainView } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  actionContext,
  logLines,
  testSettings,
  USER_TOKEN,
} from '../__testUtils__/actionContext';
import { chainView, labelMissing, workload } from '../__testUtils__/chains';
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
const LABEL = 'azure.workload.identity/use: "true"';

/** Runs the action to an active request, the backend answering the chain as given. */
async function runToActive(chain?: ChainView | Error) {
  const api = fakeApi({
    create: requestView('approved', []),
    reads: readsToActive(),
    chain,
  });
  const { ctx, logger, outputs } = actionContext({ input });
  await createRequestAccessAction({
    api,
    auth: mockServices.auth(),
    settings: testSettings(),
  }).handler(ctx);
  return {
    api,
    info: logLines(logger, 'info'),
    nextStep: String(outputs().nextStep),
  };
}

describe('azure:workload-identity:request, once the request is active', () => {
  it('says what is true once active, and what remains: the label for the pods and the wait for the roles', async () => {
    const { api, info } = await runToActive(
      chainView([workload()], [labelMissing('deployment/orders-api')]),
    );

    expect(info.join('\n')).not.toMatch(
      /verified|get their Azure token|access is active/,
    );
    expect(info).toEqual(
      expect.arrayContaining([
        'The chain is ready: managed identity id-orders-api-aks-prod trusts service account orders/orders-api on aks-prod.',
        `Pods of deployment/orders-api run as service account orders/orders-api but do not carry the label ${LABEL} yet, so they get no Azure token. This command adds it and restarts them: kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"orders-api"}}}}'`,
        expect.stringMatching(
          /^Azure may take up to 10 minutes to apply a new role assignment \(https:\/\/learn\.microsoft\.com\/azure\/role-based-access-control\/troubleshooting\)/,
        ),
        `Details: ${REQUEST_URL}`,
      ]),
    );
    // Read once, as the user who ran the template, after the request turned active.
    expect(api.calls.map(c => c.method).slice(-2)).toEqual([
      'getRequest',
      'getChain',
    ]);
    expect(api.calls.at(-1)).toEqual({
      method: 'getChain',
      token: USER_TOKEN,
      entityRef: 'component:default/orders-api',
    });
  });

  it('puts out the next step for the run’s output page, the command in a code block', async () => {
    const { nextStep } = await runToActive(
      chainView([workload()], [labelMissing('deployment/orders-api')]),
    );
    expect(nextStep).toMatch(
      /^The chain is ready: [^\n]+\n\n[^\n]+\n\nPods of deployment\/orders-api run as service account orders\/orders-api but do not carry the label [^\n]+\n\n```\nkubectl -n orders patch deployment orders-api --type merge /,
    );
  });

  it('names the workload that runs there, a StatefulSet named unlike the component', async () => {
    const { info, nextStep } = await runToActive(
      chainView(
        [
          workload({
            workload: 'statefulset/ledger-store',
            serviceAccount: 'default',
          }),
        ],
        [labelMissing('statefulset/ledger-store')],
      ),
    );
    const pods = `Pods of statefulset/ledger-store run as service account orders/default, not orders/orders-api, and do not carry the label ${LABEL}. This command sets both and restarts them:`;
    const command = `kubectl -n orders patch statefulset ledger-store --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"orders-api"}}}}'`;
    expect(info).toContain(`${pods} ${command}`);
    expect(nextStep).toContain(`${pods}\n\n\`\`\`\n${command}\n\`\`\``);
    expect(nextStep).not.toMatch(/deployment/);
  });

  it('says what the pod template needs, and no command, when no workload runs there yet', async () => {
    const { info, nextStep } = await runToActive(
      chainView([workload({ namespace: 'orders-staging' })]),
    );
    const pods = `The component's live chain shows no workload in orders on aks-prod yet. Its pod template must carry the label ${LABEL} and set serviceAccountName: orders-api. The request page gives the exact command once the workload runs: ${REQUEST_URL}`;
    expect(info).toContain(pods);
    expect(nextStep).toContain(pods);
    expect(nextStep).not.toMatch(/kubectl|```/);
  });

  it('guesses no workload when the chain cannot be read, and says why it names none', async () => {
    const { info, nextStep } = await runToActive(
      new Error('live inspection is not configured'),
    );
    const pods = `The pods that use this access must carry the label ${LABEL} and run as service account orders/orders-api: their workload's pod template needs that label and serviceAccountName: orders-api. The request page gives the exact command once the workload runs: ${REQUEST_URL}`;
    expect(info).toEqual(
      expect.arrayContaining([
        'Could not read the live chain of component:default/orders-api (live inspection is not configured), so the next step names no workload.',
        pods,
      ]),
    );
    expect(nextStep).toContain(pods);
    expect(nextStep).not.toMatch(/kubectl|```|deployment/);
  });
});
