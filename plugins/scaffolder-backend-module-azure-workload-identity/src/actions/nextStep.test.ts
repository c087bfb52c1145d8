import { chainView, labelMissing, workload } from '../__testUtils__/chains';
import {
  event,
  fullTimeline,
  plan,
  REQUEST_ID,
  requestView,
} from '../__testUtils__/requests';
import { nextStepMarkdown, nextStepOf } from './nextStep';

const requestUrl = `http://backstage.test/azure-workload-identity/requests/${REQUEST_ID}`;

describe('nextStepOf', () => {
  it('claims the token exchange only when the verify step recorded it', () => {
    const checked = requestView('active', [
      ...fullTimeline(),
      event('step-applied', { step: 'verify', verified: true }),
    ]);
    expect(nextStepOf({ request: checked, requestUrl }).ready).toBe(
      'The chain is ready: managed identity id-orders-api-aks-prod trusts service account orders/orders-api on aks-prod, and a token exchange for it was accepted.',
    );
    expect(
      nextStepOf({ request: requestView('active', fullTimeline()), requestUrl })
        .ready,
    ).not.toMatch(/token exchange/);
  });

  it('asks for the manifest first in GitOps mode, and leaves out the wait for roles when none were made', () => {
    const adoptedRoles = requestView('active', fullTimeline(), {
      plan: {
        ...plan,
        steps: plan.steps.map(s =>
          s.kind === 'ensure-role-assignment' ? { ...s, action: 'adopt' } : s,
        ),
      },
    });
    const step = nextStepOf({ request: adoptedRoles, requestUrl });
    expect(step.manifestFirst).toMatch(/apply the service account manifest/);
    expect(step.roles).toBeUndefined();
  });

  it('says the pods are done, with no command, when they run as the account and carry the label', () => {
    const step = nextStepOf({
      request: requestView('active', fullTimeline()),
      chain: chainView([workload()]),
      requestUrl,
    });
    expect(step.pods).toBe(
      'Pods of deployment/orders-api run as service account orders/orders-api and carry the label azure.workload.identity/use: "true".',
    );
    expect(step.command).toBeUndefined();
  });
});

describe('nextStepMarkdown', () => {
  it('puts the command in a code block the output page can copy', () => {
    const markdown = nextStepMarkdown(
      nextStepOf({
        request: requestView('active', fullTimeline()),
        chain: chainView([workload()], [labelMissing('deployment/orders-api')]),
        requestUrl,
      }),
    );
    expect(markdown).toContain(
      "\n\n```\nkubectl -n orders patch deployment orders-api --type merge -p '",
    );
    expect(markdown).toMatch(/Azure may take up to 10 minutes/);
  });

  it('leaves the code block out when there is no command to give', () => {
    const markdown = nextStepMarkdown(
      nextStepOf({
        request: requestView('active', fullTimeline()),
        requestUrl,
      }),
    );
    expect(markdown).not.toContain('```');
    expect(markdown).toContain(
      `The request page gives the exact command once the workload runs: ${requestUrl}`,
    );
  });
});
