import { mockServices } from '@backstage/backend-test-utils';
import { Schema, Validator } from 'jsonschema';
import {
  actionContext,
  logLines,
  testSettings,
  USER_TOKEN,
} from '../__testUtils__/actionContext';
import { fakeApi } from '../__testUtils__/fakeApi';
import {
  approvalPlan,
  event,
  fullTimeline,
  IDENTITY,
  MANIFEST,
  plan,
  readsToActive,
  REQUEST_ID,
  requestView,
  STORAGE,
} from '../__testUtils__/requests';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';
import { AzureWorkloadIdentityApiError } from '../client/AzureWorkloadIdentityApiError';
import { ModuleSettings } from '../config/readModuleSettings';
import { createRequestAccessAction } from './requestAccess';

const input = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};

const REQUEST_URL = `http://backstage.test/azure-workload-identity/requests/${REQUEST_ID}`;

function actionWith(
  api: AzureWorkloadIdentityApi,
  settings: ModuleSettings = testSettings(),
) {
  return createRequestAccessAction({
    api,
    auth: mockServices.auth(),
    settings,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the step to fail');
}

describe('azure:workload-identity:request', () => {
  it('has the documented id and an example', () => {
    const action = actionWith(fakeApi({}));
    expect(action.id).toBe('azure:workload-identity:request');
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('creates the request as the user, follows it to active and puts out the chain', async () => {
    const api = fakeApi({
      create: requestView('approved', fullTimeline().slice(0, 1)),
      reads: readsToActive(),
    });
    const { ctx, logger, outputs } = actionContext({ input });

    await actionWith(api).handler(ctx);

    expect(api.calls[0]).toEqual({
      method: 'createRequest',
      token: USER_TOKEN,
      spec: input,
    });
    // Four reads follow the request to active; then the component's chain names its workload.
    expect(api.calls.slice(1).map(c => c.method)).toEqual([
      ...Array(4).fill('getRequest'),
      'getChain',
    ]);
    expect(api.calls.every(c => c.token === USER_TOKEN)).toBe(true);
    expect(outputs()).toEqual({
      subject: 'system:serviceaccount:orders:orders-api',
      requestId: REQUEST_ID,
      requestUrl: REQUEST_URL,
      status: 'active',
      clientId: '11111111-1111-1111-1111-111111111111',
      principalId: '22222222-2222-2222-2222-222222222222',
      tenantId: '33333333-3333-3333-3333-333333333333',
      identityResourceId: IDENTITY,
      serviceAccount: 'orders/orders-api',
      manifest: MANIFEST,
      nextStep: expect.stringContaining(
        'The chain is ready: managed identity id-orders-api-aks-prod trusts service account orders/orders-api on aks-prod.',
      ),
    });
    expect(logLines(logger, 'warn')).toEqual([]);
    expect(logLines(logger, 'error')).toEqual([]);
  });

  it('tells each new event of the timeline once, in plain words', async () => {
    const api = fakeApi({
      create: requestView('approved', []),
      reads: readsToActive(),
    });
    const { ctx, logger } = actionContext({ input });

    await actionWith(api).handler(ctx);

    const info = logLines(logger, 'info');
    expect(info).toEqual(
      expect.arrayContaining([
        'Request created and approved by policy',
        'Provisioning started',
        'Working on the managed identity id-orders-api-aks-prod',
        'Done: managed identity id-orders-api-aks-prod (client id 11111111-1111-1111-1111-111111111111)',
        'Still waiting on the role Storage Blob Data Reader on ordersdata: the identity has not replicated to Azure RBAC yet, attempt 1',
        'Provisioning finished; the chain is ready',
      ]),
    );
    // Four reads repeat the early events; each is still told only once.
    expect(info.filter(line => line === 'Provisioning started')).toHaveLength(
      1,
    );
    expect(info.some(line => line.includes(REQUEST_URL))).toBe(true);
  });

  it('returns at once when a person must approve, saying where to follow it', async () => {
    const pending = requestView(
      'pending-approval',
      [
        event(
          'created',
          { status: 'pending-approval', requiresApproval: true },
          'user:default/olivia',
        ),
      ],
      { plan: approvalPlan },
    );
    const api = fakeApi({ create: pending, reads: [pending] });
    const { ctx, logger, outputs } = actionContext({ input });

    await actionWith(api).handler(ctx);

    expect(api.calls.map(c => c.method)).toEqual([
      'createRequest',
      'getRequest',
    ]);
    const outputsNow = outputs();
    expect(outputsNow).toMatchObject({
      requestId: REQUEST_ID,
      requestUrl: REQUEST_URL,
      status: 'pending-approval',
      serviceAccount: 'orders/orders-api',
    });
    expect(outputsNow).not.toHaveProperty('clientId');
    expect(logLines(logger, 'info')).toContain(
      `Request ${REQUEST_ID} waits for approval (aks-prod is a production cluster). It is provisioned once approved; follow it at ${REQUEST_URL}`,
    );
  });

  it.each([
    [
      'failed',
      event('apply-failed', {
        from: 'applying',
        to: 'failed',
        error:
          'the token exchange for service account orders/orders-api was still refused after 300s: AADSTS70021: No matching federated identity record found',
        code: 'AADSTS70021',
      }),
      `Request ${REQUEST_ID} failed: the token exchange for service account orders/orders-api was still refused after 300s: AADSTS70021: No matching federated identity record found (AADSTS70021). Details: ${REQUEST_URL}`,
    ],
    [
      'rejected',
      event(
        'rejected',
        {
          from: 'pending-approval',
          to: 'rejected',
          reason: 'use a read role on the container, not the account',
        },
        'user:default/pat-platform',
      ),
      `Request ${REQUEST_ID} was rejected: use a read role on the container, not the account (by user:default/pat-platform). Details: ${REQUEST_URL}`,
    ],
  ] as const)(
    'fails the step with the reason of a %s request, without a stack trace',
    async (status, last, message) => {
      const api = fakeApi({
        create: requestView('approved', []),
        reads: [
          requestView('applying', fullTimeline().slice(0, 3)),
          requestView(status, [...fullTimeline().slice(0, 3), last]),
        ],
      });
      const { ctx, outputs } = actionContext({ input });

      const error = await failureOf(actionWith(api).handler(ctx));

      expect(error.message).toBe(message);
      expect(error.stack).not.toMatch(/\n\s+at /);
      expect(outputs().status).toBe(status);
    },
  );

  it('does not create a second request when a retried task runs the step again', async () => {
    const checkpoints = new Map<string, unknown>();
    const crashing = fakeApi({
      create: requestView('approved', []),
      reads: [new Error('the scaffolder worker was stopped')],
    });
    const first = actionContext({ input, checkpoints });
    await expect(actionWith(crashing).handler(first.ctx)).rejects.toThrow(
      'the scaffolder worker was stopped',
    );

    const recovered = fakeApi({
      create: requestView('approved', []),
      reads: readsToActive(),
    });
    const retry = actionContext({ input, checkpoints });
    await actionWith(recovered).handler(retry.ctx);

    expect(crashing.calls.map(c => c.method)).toEqual([
      'createRequest',
      'getRequest',
    ]);
    expect(recovered.calls.map(c => c.method)).not.toContain('createRequest');
    expect(retry.outputs()).toMatchObject({
      requestId: REQUEST_ID,
      status: 'active',
    });
  });

  it('passes the backend’s refusal of bad input through, naming each field as the form does', async () => {
    const refusal = new AzureWorkloadIdentityApiError({
      operation: 'POST /requests',
      status: 400,
      remoteName: 'InputError',
      message:
        'invalid access request: namespace: use a Kubernetes namespace name: lower case letters, digits and -',
      problems: [
        {
          field: 'namespace',
          message:
            'use a Kubernetes namespace name: lower case letters, digits and -',
        },
        { field: 'resources[0].intent', message: 'use read, write or manage' },
      ],
    });
    const api = fakeApi({ create: refusal });
    const { ctx, checkpoints } = actionContext({ input });

    const error = await failureOf(actionWith(api).handler(ctx));

    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Requesting the access was refused: Namespace: use a Kubernetes namespace name: lower case letters, digits and -; Intent of resource 1: use read, write or manage',
    );
    expect(api.calls.map(c => c.method)).toEqual(['createRequest']);
    // A refusal is not kept: once the input is fixed, a retry asks again.
    expect(checkpoints.size).toBe(0);
  });

  it('previews the plan in a dry run and writes nothing', async () => {
    const api = fakeApi({ plan: approvalPlan });
    const { ctx, logger, checkpoint, outputs } = actionContext({
      input,
      isDryRun: true,
    });

    await actionWith(api).handler(ctx);

    expect(api.calls).toEqual([
      { method: 'plan', token: USER_TOKEN, spec: input },
    ]);
    expect(checkpoint).not.toHaveBeenCalled();
    expect(outputs().plan).toEqual({
      planHash: plan.planHash,
      requiresApproval: true,
      approvalReasons: ['aks-prod is a production cluster'],
      steps: plan.steps.map(s => ({
        id: s.id,
        kind: s.kind,
        ...('action' in s ? { action: s.action } : {}),
        why: s.why,
      })),
    });
    expect(logLines(logger, 'info')).toContain(
      '3. create role Storage Blob Data Reader on ordersdata: read intent on a storage account: the least role that reads blobs',
    );
  });

  it('stops waiting at the deadline and says the request carries on', async () => {
    const api = fakeApi({
      create: requestView('approved', []),
      reads: [requestView('applying', fullTimeline().slice(0, 3))],
    });
    const { ctx } = actionContext({ input });

    const error = await failureOf(
      actionWith(
        api,
        testSettings({ waitTimeoutMs: 30, pollIntervalMs: 5 }),
      ).handler(ctx),
    );

    expect(error.message).toBe(
      `Request ${REQUEST_ID} is still applying after 1s. It carries on in the background: follow it at ${REQUEST_URL}, or retry this task to keep following the same request.`,
    );
  });

  it('rides out a backend that is briefly unavailable while following', async () => {
    const unavailable = new AzureWorkloadIdentityApiError({
      operation: 'GET /requests/:id',
      status: 503,
      message: 'Service Unavailable',
    });
    const [approved, ...rest] = readsToActive();
    const api = fakeApi({
      create: approved,
      reads: [approved, unavailable, ...rest],
    });
    const { ctx, logger, outputs } = actionContext({ input });

    await actionWith(api).handler(ctx);

    expect(outputs().status).toBe('active');
    expect(logLines(logger, 'warn')).toEqual([
      `Could not read request ${REQUEST_ID} (Service Unavailable); trying again`,
    ]);
  });

  // The scaffolder checks step input against the JSON schema derived from the zod schema
  // before the handler runs: types only, so the rules' own messages reach the person.
  it.each([
    [{ namespace: 42 }, 'instance.namespace'],
    [{ resources: 'ordersdata' }, 'instance.resources'],
    [{ resources: [{ intent: 'read' }] }, 'instance.resources[0]'],
  ])('rejects input %j at %s', (change, property) => {
    const result = new Validator().validate(
      { ...input, ...change },
      actionWith(fakeApi({})).schema?.input as Schema,
    );
    expect(result.errors.map(e => e.property)).toEqual([property]);
  });

  it.each([
    [
      { resources: [{ resourceId: 'ordersdata', intent: 'read' }] },
      'Resource 1: use a full Azure resource id: /subscriptions/<guid>/resourceGroups/<group>/providers/<namespace>/<type>/<name>',
    ],
    [
      { resources: [{ resourceId: STORAGE, intent: 'own' }] },
      "Intent of resource 1: Invalid enum value. Expected 'read' | 'write' | 'manage', received 'own'",
    ],
    [
      { namespace: 'Orders_Team' },
      'Namespace: use a Kubernetes namespace name: lower case letters, digits and -',
    ],
    [
      { resources: [] },
      'Resources the service needs: name at least one Azure resource',
    ],
    [{ environment: 'prod' }, 'Environment: Invalid enum value'],
  ])(
    'fails the step on %j with the rule’s own message, before any call',
    async (change, message) => {
      const api = fakeApi({});
      const { ctx } = actionContext({ input: { ...input, ...change } as any });
      const error = await failureOf(actionWith(api).handler(ctx));
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(`The request is not valid: ${message}`);
      // Meant for people: the message, no stack of this module's frames.
      expect(error.stack).toBe(`InputError: ${error.message}`);
      expect(api.calls).toEqual([]);
    },
  );

  it('accepts the documented input', () => {
    const result = new Validator().validate(
      { ...input, environment: 'production', justification: 'orders export' },
      actionWith(fakeApi({})).schema?.input as Schema,
    );
    expect(result.errors).toEqual([]);
  });
});
