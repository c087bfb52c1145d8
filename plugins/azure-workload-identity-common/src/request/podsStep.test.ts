import { ChainBinding, ChainView, Finding } from '../chain';
import { podsStepOf } from './podsStep';

const request = {
  cluster: 'aks-dev',
  namespace: 'media',
  serviceAccountName: 'media-e2e',
};

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

const labelMissing = (ref: Partial<NonNullable<Finding['ref']>> = {}) =>
  ({
    ruleId: 'pod-label-missing',
    link: 'pod',
    severity: 'error',
    state: 'broken',
    message: 'Pods do not carry the label',
    evidence: { expected: 'true', actual: 'absent' },
    fix: { kind: 'command', text: 'kubectl …', owner: 'component' },
    ref: {
      cluster: 'aks-dev',
      namespace: 'media',
      kind: 'Deployment',
      name: 'media-processor',
      ...ref,
    },
  } as Finding);

const chainOf = (
  bindings: ChainBinding[],
  findings: Finding[] = [],
): ChainView => ({
  entityRef: 'component:default/media-processor',
  checkedAt: '2026-12-07T10:00:00.000Z',
  links: {} as ChainView['links'],
  findings,
  bindings,
});

describe('podsStepOf', () => {
  it('gives the one command for the workload the chain names, with what is wrong with it', () => {
    expect(
      podsStepOf({
        request,
        chain: chainOf([binding({})], [labelMissing()]),
      }),
    ).toEqual({
      state: 'to-do',
      text: 'Pods of deployment/media-processor run as service account media/media-processor, not media/media-e2e, and do not carry the label azure.workload.identity/use: "true". This command sets both and restarts them:',
      command: `kubectl -n media patch deployment media-processor --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"media-e2e"}}}}'`,
    });
  });

  it('says the pods are done when they run as the account and carry the label', () => {
    expect(
      podsStepOf({
        request,
        chain: chainOf([binding({ serviceAccount: 'media-e2e' })]),
      }),
    ).toEqual({
      state: 'ready',
      text: 'Pods of deployment/media-processor run as service account media/media-e2e and carry the label azure.workload.identity/use: "true".',
    });
  });

  it('asks for the label alone when the pods already run as the account', () => {
    const step = podsStepOf({
      request,
      chain: chainOf(
        [binding({ serviceAccount: 'media-e2e' })],
        [labelMissing()],
      ),
    });
    expect(step.state).toBe('to-do');
    expect(step.text).toBe(
      'Pods of deployment/media-processor run as service account media/media-e2e but do not carry the label azure.workload.identity/use: "true" yet, so they get no Azure token. This command adds it and restarts them:',
    );
  });

  it('names a StatefulSet named unlike the component, and a CronJob by its job template', () => {
    const statefulSet = podsStepOf({
      request,
      chain: chainOf(
        [binding({ workload: 'statefulset/media-store' })],
        [labelMissing({ kind: 'StatefulSet', name: 'media-store' })],
      ),
    });
    expect(statefulSet).toMatchObject({
      state: 'to-do',
      text: expect.stringMatching(
        /^Pods of statefulset\/media-store run as service account media\/media-processor, not media\/media-e2e, and do not carry the label/,
      ),
      command: expect.stringMatching(
        /^kubectl -n media patch statefulset media-store --type merge /,
      ),
    });

    const cronJob = podsStepOf({
      request,
      chain: chainOf([
        binding({ workload: 'cronjob/media-sweep', serviceAccount: 'default' }),
      ]),
    });
    expect(cronJob).toMatchObject({
      state: 'to-do',
      text: 'Pods of cronjob/media-sweep run as service account media/default, not media/media-e2e. This command sets both and restarts them:',
      command: expect.stringContaining(
        `patch cronjob media-sweep --type merge -p '{"spec":{"jobTemplate":`,
      ),
    });
  });

  it('takes a missing label only from a finding about that same workload', () => {
    // A deployment of the same name elsewhere, or a workload of another kind, is not this one.
    const step = podsStepOf({
      request,
      chain: chainOf(
        [binding({ serviceAccount: 'media-e2e' })],
        [
          labelMissing({ namespace: 'other' }),
          labelMissing({ cluster: 'aks-prod' }),
          labelMissing({ kind: 'StatefulSet' }),
        ],
      ),
    });
    expect(step.state).toBe('ready');
  });

  it('looks only at workloads in the request’s namespace on its cluster, and guesses none', () => {
    const step = podsStepOf({
      request,
      chain: chainOf([
        binding({ cluster: 'aks-prod', serviceAccount: 'media-e2e' }),
        binding({ namespace: 'media-staging' }),
        // Pods the chain found without a workload to patch.
        binding({ workload: undefined }),
      ]),
    });
    expect(step).toEqual({
      state: 'no-workload',
      text: `The component's live chain shows no workload in media on aks-dev yet. Its pod template must carry the label azure.workload.identity/use: "true" and set serviceAccountName: media-e2e.`,
    });
  });

  it('says what the pod template needs, with no command, when there is no chain to go by', () => {
    const step = podsStepOf({ request });
    expect(step).toEqual({
      state: 'not-read',
      text: `The pods that use this access must carry the label azure.workload.identity/use: "true" and run as service account media/media-e2e: their workload's pod template needs that label and serviceAccountName: media-e2e.`,
    });
    expect(step.text).not.toMatch(/kubectl|media-processor/);
  });
});
