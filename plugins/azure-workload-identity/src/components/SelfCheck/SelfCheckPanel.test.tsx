import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { SelfCheckReport } from '@backstage-community/plugin-azure-workload-identity-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { clientOver } from '../../api/__testUtils__/clientOver';
import { SelfCheckPanel } from './SelfCheckPanel';

const report: SelfCheckReport = {
  checkedAt: '2026-12-04T10:00:00.000Z',
  principal: { objectId: '9a1b0c2d-0000-0000-0000-00000000beef' },
  ready: { inspection: true, provisioning: false },
  checks: [
    {
      area: 'azure',
      purpose: 'inspection',
      scope: 'resource group rg-aks (subscription s)',
      as: "the portal's Azure identity",
      status: 'granted',
      missing: [],
      granted: ['Microsoft.ContainerService/managedClusters/read'],
    },
    {
      area: 'azure',
      purpose: 'provisioning',
      scope: 'resource group rg-aks (subscription s)',
      as: "the portal's Azure identity",
      status: 'missing',
      missing: ['Microsoft.Authorization/roleAssignments/write'],
      granted: [],
      fix: 'az role assignment create --role "Role Based Access Control Administrator"',
    },
    {
      area: 'kubernetes',
      purpose: 'inspection',
      scope: 'cluster aks-dev',
      as: "the reader's credential",
      status: 'unknown',
      missing: [],
      granted: [],
      reason: 'the Kubernetes API of aks-dev did not answer',
    },
  ],
};

async function renderAnswering(status: number, body: object) {
  const fetch = jest.fn(
    async () => new Response(JSON.stringify(body), { status }),
  );
  await renderInTestApp(
    <TestApiProvider apis={[clientOver(fetch)]}>
      <SelfCheckPanel />
    </TestApiProvider>,
  );
  return fetch;
}

describe('SelfCheckPanel', () => {
  it('shows readiness, and for each place not granted what is missing and the command', async () => {
    const fetch = await renderAnswering(200, report);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/awi/self-check',
      undefined,
    );
    expect(await screen.findByTestId('awi-ready-Inspection')).toHaveTextContent(
      'Inspection: ready',
    );
    expect(screen.getByTestId('awi-ready-Provisioning')).toHaveTextContent(
      'Provisioning: not ready',
    );
    const problems = screen.getAllByTestId('awi-self-check-problem');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toHaveTextContent(
      'Azure, resource group rg-aks (subscription s), for provisioning',
    );
    expect(
      within(problems[0]).getByText(
        'Microsoft.Authorization/roleAssignments/write',
      ),
    ).toBeInTheDocument();
    expect(
      within(problems[0]).getByTestId('awi-self-check-fix'),
    ).toHaveTextContent('Role Based Access Control Administrator');
    expect(problems[1]).toHaveTextContent(
      'Not checked: the Kubernetes API of aks-dev did not answer',
    );
  });

  it('checks anew when asked, after a fix was applied', async () => {
    const fetch = await renderAnswering(200, report);
    fireEvent.click(await screen.findByRole('button', { name: 'Check again' }));
    await waitFor(() =>
      expect(fetch).toHaveBeenLastCalledWith(
        'http://backend/api/awi/self-check?refresh=true',
        undefined,
      ),
    );
    expect(await screen.findByTestId('awi-self-check')).toBeInTheDocument();
  });

  it('is left out for those who may not see the portal’s privileges', async () => {
    await renderAnswering(403, { error: { message: 'not for you' } });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByTestId('awi-self-check')).not.toBeInTheDocument();
    expect(screen.queryByText(/not for you/)).not.toBeInTheDocument();
  });

  it('says what to configure when nothing is configured yet', async () => {
    await renderAnswering(503, {
      error: {
        message: 'nothing to check yet: set azureWorkloadIdentity.clusters',
      },
    });
    expect(
      await screen.findByText(/set azureWorkloadIdentity\.clusters/),
    ).toBeInTheDocument();
  });
});
