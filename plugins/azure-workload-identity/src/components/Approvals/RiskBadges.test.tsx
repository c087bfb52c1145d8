import { renderInTestApp } from '@backstage/test-utils';
import {
  ApprovalReason,
  ApprovalReasonCode,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { screen } from '@testing-library/react';
import { RiskBadges } from './RiskBadges';

const reason = (code: ApprovalReasonCode): ApprovalReason => ({
  code,
  message: `A sentence about ${code}.`,
});

describe('RiskBadges', () => {
  it('shows one badge per kind of risk, however many steps carry it', async () => {
    await renderInTestApp(
      <RiskBadges
        reasons={[
          { code: 'privileged-role', message: 'Owner on the vault.' },
          { code: 'privileged-role', message: 'Owner on the account.' },
          { code: 'broad-scope', message: 'A whole resource group.' },
          { code: 'production', message: 'Production.' },
        ]}
      />,
    );
    const badges = screen.getByTestId('awi-risk-badges');
    expect(badges.children).toHaveLength(3);
    expect(badges).toHaveTextContent('Privileged role');
    expect(badges).toHaveTextContent('Broad scope');
    expect(badges).toHaveTextContent('Production');
  });

  it.each<[ApprovalReasonCode, string]>([
    ['privileged-role', 'Privileged role'],
    ['data-owner-role', 'Data Owner role'],
    ['grants-access-role', 'Can grant access'],
    ['wildcard-actions', 'Wildcard (*) actions'],
    ['broad-scope', 'Broad scope'],
    ['production', 'Production'],
    ['environment-unknown', 'Environment unknown'],
    ['must-not-unmet', 'Must-not unmet'],
    ['other-team-resource', "Another team's resource"],
    ['other-team-namespace', "Another team's namespace"],
    ['namespace-unowned', 'Namespace has no owner'],
    ['other-component-identity', "Another component's identity"],
    ['identity-unowned', 'Identity made outside the portal'],
  ])('names the risk of %s as "%s"', async (code, label) => {
    await renderInTestApp(<RiskBadges reasons={[reason(code)]} />);
    const badges = screen.getByTestId('awi-risk-badges');
    expect(badges.children).toHaveLength(1);
    expect(badges.textContent).toBe(label);
  });

  it('still shows a reason a newer backend sends, by its code', async () => {
    await renderInTestApp(
      <RiskBadges
        reasons={[
          {
            code: 'cross-tenant' as ApprovalReasonCode,
            message: 'Another tenant.',
          },
        ]}
      />,
    );
    expect(screen.getByTestId('awi-risk-badges').textContent).toBe(
      'cross-tenant',
    );
  });
});
