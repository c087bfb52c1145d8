import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RiskBadges } from './RiskBadges';

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
});
