import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GuardrailList, guardrailWords } from './GuardrailList';

describe('GuardrailList', () => {
  it('says per cluster what the admission guardrails do for the component', async () => {
    await renderInTestApp(
      <GuardrailList
        guardrails={[
          { cluster: 'aks-prod', mode: 'deny', state: 'current' },
          { cluster: 'aks-dev', mode: 'audit', state: 'missing' },
          { cluster: 'aks-lab', mode: 'off', state: 'off' },
        ]}
      />,
    );
    expect(screen.getByText('Guardrails in the cluster')).toBeInTheDocument();
    expect(
      screen.getByText(
        'aks-prod: the cluster refuses a service account that names a client id not granted to its namespace.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'aks-dev: the guardrails (audit) are configured but not installed; see the finding above.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'aks-lab: no admission guardrails. The cluster does not check which identity a service account names.',
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing when the chain says nothing about guardrails', async () => {
    await renderInTestApp(<GuardrailList />);
    expect(screen.queryByText('Guardrails in the cluster')).toBeNull();
  });

  it('says when the state could not be read, and when it is outdated', () => {
    expect(
      guardrailWords({ cluster: 'aks-prod', mode: 'deny', state: 'unknown' }),
    ).toBe('aks-prod: the guardrails (deny) could not be read.');
    expect(
      guardrailWords({ cluster: 'aks-prod', mode: 'audit', state: 'outdated' }),
    ).toContain('installed but outdated');
  });
});
