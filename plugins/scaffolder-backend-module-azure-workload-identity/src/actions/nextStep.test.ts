import {
  event,
  fullTimeline,
  plan,
  requestView,
} from '../__testUtils__/requests';
import { nextStepMarkdown, nextStepOf } from './nextStep';

describe('nextStepOf', () => {
  it('claims the token exchange only when the verify step recorded it', () => {
    const checked = requestView('active', [
      ...fullTimeline(),
      event('step-applied', { step: 'verify', verified: true }),
    ]);
    expect(nextStepOf(checked).ready).toBe(
      'The chain is ready: managed identity id-orders-api-aks-prod trusts service account orders/orders-api on aks-prod, and a token exchange for it was accepted.',
    );
    expect(nextStepOf(requestView('active', fullTimeline())).ready).not.toMatch(
      /token exchange/,
    );
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
    const step = nextStepOf(adoptedRoles);
    expect(step.manifestFirst).toMatch(/apply the service account manifest/);
    expect(step.roles).toBeUndefined();
  });
});

describe('nextStepMarkdown', () => {
  it('puts the command in a code block the output page can copy', () => {
    const markdown = nextStepMarkdown(
      nextStepOf(requestView('active', fullTimeline())),
    );
    expect(markdown).toContain(
      "\n\n```\nkubectl -n orders patch deployment orders-api --type merge -p '",
    );
    expect(markdown).toMatch(/Azure may take up to 10 minutes/);
  });
});
