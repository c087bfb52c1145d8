import {
  AccessRequestWithEvents,
  ChainBinding,
  ChainView,
  Finding,
  RequestEvent,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { nextStepOf } from './nextStep';

const COMPLETED_AT = '2026-12-07T10:00:00.000Z';
const SCOPE =
  '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/mediadata';

const event = (
  type: string,
  detail?: RequestEvent['detail'],
): RequestEvent => ({
  id: String(Math.random()),
  requestId: 'r1',
  type,
  actor: 'vm/3388/2bd71e04',
  detail,
  createdAt: COMPLETED_AT,
});

function activeRequest(
  events: RequestEvent[] = [
    event('step-applied', { step: 'verify', verified: true }),
    event('apply-completed'),
  ],
): AccessRequestWithEvents {
  return {
    id: 'r1',
    entityRef: 'component:default/media-processor',
    requestedBy: 'user:default/olivia-orders',
    status: 'active',
    cluster: 'aks-dev',
    namespace: 'media',
    serviceAccountName: 'media-e2e',
    spec: {
      entityRef: 'component:default/media-processor',
      cluster: 'aks-dev',
      namespace: 'media',
      serviceAccountName: 'media-e2e',
      resources: [],
    },
    plan: {
      planHash: 'sha256:a',
      requiresApproval: false,
      approvalReasons: [],
      notes: [],
      steps: [
        {
          id: 'identity',
          kind: 'ensure-identity',
          action: 'adopt',
          name: 'wi-media',
          resourceId: 'x',
          subscriptionId: 's',
          resourceGroup: 'rg',
          tags: {},
          why: '',
        },
        {
          id: 'role-assignment-1',
          kind: 'ensure-role-assignment',
          action: 'create',
          roleName: 'Storage Blob Data Reader',
          roleId: 'r',
          scope: SCOPE,
          privileged: false,
          why: '',
        },
        {
          id: 'service-account',
          kind: 'ensure-service-account',
          cluster: 'aks-dev',
          namespace: 'media',
          name: 'media-e2e',
          annotations: {},
          labels: {},
          why: '',
        },
        {
          id: 'verify',
          kind: 'verify',
          cluster: 'aks-dev',
          namespace: 'media',
          serviceAccountName: 'media-e2e',
          issuer: 'i',
          audience: 'a',
          why: '',
        },
      ],
    },
    createdAt: COMPLETED_AT,
    updatedAt: COMPLETED_AT,
    events,
  };
}

const binding = (overrides: Partial<ChainBinding>): ChainBinding => ({
  usesWorkloadIdentity: true,
  cluster: 'aks-dev',
  namespace: 'media',
  pods: 2,
  serviceAccount: 'media-processor',
  workload: 'deployment/media-processor',
  federatedCredentials: [],
  roleAssignments: [],
  targets: [],
  ...overrides,
});

const labelMissing: Finding = {
  ruleId: 'pod-label-missing',
  link: 'pod',
  severity: 'error',
  state: 'broken',
  message: 'Pods of deployment/media-processor do not carry the label',
  evidence: { expected: 'true', actual: 'absent' },
  fix: { kind: 'command', text: 'kubectl …', owner: 'component' },
  ref: {
    cluster: 'aks-dev',
    namespace: 'media',
    kind: 'Deployment',
    name: 'media-processor',
  },
};

const chainOf = (
  bindings: ChainBinding[],
  findings: Finding[] = [],
): ChainView => ({
  entityRef: 'component:default/media-processor',
  checkedAt: COMPLETED_AT,
  links: {} as ChainView['links'],
  findings,
  bindings,
});

const now = new Date('2026-12-07T10:03:00.000Z');

describe('nextStepOf', () => {
  it('says the chain is ready and what was checked, never that pods get a token', () => {
    const step = nextStepOf({ request: activeRequest(), now });
    expect(step.ready).toBe(
      'The chain is ready: managed identity wi-media trusts service account media/media-e2e on aks-dev, and a token exchange for it was accepted.',
    );
    expect(JSON.stringify(step)).not.toMatch(/verified|get their Azure token/);
  });

  it('decides the pods step from the live chain it is given', () => {
    const step = nextStepOf({
      request: activeRequest(),
      chain: chainOf([binding({})], [labelMissing]),
      now,
    });
    expect(step.pods).toEqual({
      state: 'to-do',
      text: 'Pods of deployment/media-processor run as service account media/media-processor, not media/media-e2e, and do not carry the label azure.workload.identity/use: "true". This command sets both and restarts them:',
      command: `kubectl -n media patch deployment media-processor --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"media-e2e"}}}}'`,
    });
  });

  it('gives no command before the chain is read: any workload name would be a guess', () => {
    const step = nextStepOf({ request: activeRequest(), now });
    expect(step.pods).toEqual({
      state: 'not-read',
      text: `The pods that use this access must carry the label azure.workload.identity/use: "true" and run as service account media/media-e2e: their workload's pod template needs that label and serviceAccountName: media-e2e.`,
    });
  });

  it('warns that new roles may take up to 10 minutes, only within those 10 minutes', () => {
    expect(nextStepOf({ request: activeRequest(), now }).rolesUntil).toEqual(
      new Date('2026-12-07T10:10:00.000Z'),
    );
    expect(
      nextStepOf({
        request: activeRequest(),
        now: new Date('2026-12-07T10:11:00.000Z'),
      }).rolesUntil,
    ).toBeUndefined();
  });

  it('hands over the service account manifest in GitOps mode, and does not claim a check it skipped', () => {
    const step = nextStepOf({
      request: activeRequest([
        event('step-applied', {
          step: 'service-account',
          mode: 'manifest',
          manifest: 'apiVersion: v1\nkind: ServiceAccount',
        }),
        event('step-applied', {
          step: 'verify',
          verified: false,
          deferred: 'the service account is applied through GitOps',
        }),
        event('apply-completed'),
      ]),
      now,
    });
    expect(step.manifest).toBe('apiVersion: v1\nkind: ServiceAccount');
    expect(step.ready).not.toMatch(/token exchange/);
  });
});
