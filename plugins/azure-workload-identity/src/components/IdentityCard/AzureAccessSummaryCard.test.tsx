import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  AzureWorkloadIdentityApi,
  azureWorkloadIdentityApiRef,
} from '../../api';
import {
  AzureAccessSummaryCard,
  AzureAccessSummaryCardProps,
} from './AzureAccessSummaryCard';
import { EntityAzureAccessSummaryCard } from './EntityAzureAccessSummaryCard';
import {
  allLinks,
  chainOf,
  requestOf,
  revokedChain,
  revokedRequest,
} from './__testUtils__/fixtures';

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

function render(props: Partial<AzureAccessSummaryCardProps>) {
  return renderInTestApp(
    <AzureAccessSummaryCard
      entityName="orders-api"
      entityRef="component:default/orders-api"
      workload={{ kubernetesId: 'orders-api', namespace: 'orders' }}
      fullChainLink="/catalog/default/component/orders-api/azure-access"
      {...props}
    />,
    routes,
  );
}

describe('AzureAccessSummaryCard', () => {
  it('sums up a healthy chain in one line with the access it holds, in words', async () => {
    await render({
      chain: { loading: false, chain: chainOf() },
      requests: {
        loading: false,
        requests: [requestOf({ expiresAt: '2027-03-12T00:00:00.000Z' })],
      },
    });
    expect(screen.getByTestId('awi-summary-headline')).toHaveTextContent(
      'The chain works: orders-api gets its Azure token.',
    );
    const held = screen.getByTestId('awi-access-held');
    expect(held).toHaveTextContent('Reads blobs in ordersdata/orders');
    expect(held).toHaveTextContent('Reads secret values in kv-orders');
    expect(held).not.toHaveTextContent(/assignments?\b/);
    expect(held).toHaveTextContent('Expires on 12 March 2027.');
    expect(screen.queryByTestId('awi-summary-worst')).toBeNull();
    expect(
      screen.getByRole('link', { name: 'See the whole chain' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/azure-access',
    );
  });

  it('names the worst finding by its title, not its rule id', async () => {
    await render({
      chain: {
        loading: false,
        chain: chainOf({
          links: { ...allLinks('ok'), federation: 'broken', token: 'broken' },
          findings: [
            {
              ruleId: 'fic-subject-namespace-mismatch',
              link: 'federation',
              severity: 'error',
              state: 'broken',
              message:
                'The credential trusts system:serviceaccount:invoice:invoice-renderer; the pods run in invoices.',
              evidence: { expected: 'a', actual: 'b' },
              fix: { kind: 'command', text: 'az …', owner: 'component' },
            },
          ],
        }),
      },
    });
    expect(screen.getByTestId('awi-summary-headline')).toHaveAttribute(
      'data-state',
      'broken',
    );
    const worst = screen.getByTestId('awi-summary-worst');
    expect(worst).toHaveTextContent(
      'The federated credential names another namespace',
    );
    expect(worst).toHaveTextContent('the pods run in invoices.');
    expect(worst).not.toHaveTextContent('fic-subject-namespace-mismatch');
  });

  it('says a revoked component has no Azure access and offers to request it', async () => {
    await render({
      chain: { loading: false, chain: revokedChain() },
      requests: { loading: false, requests: [revokedRequest] },
    });
    expect(screen.getByTestId('awi-summary-headline')).toHaveTextContent(
      'orders-api has no Azure access since it was revoked on 5 December 2026.',
    );
    expect(
      screen.getByRole('button', { name: 'Request Azure access' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('awi-access-held')).toBeNull();
  });
});

describe('EntityAzureAccessSummaryCard', () => {
  it("reads the entity's chain through the plugin's API and links to its Azure access tab", async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'orders-api',
        annotations: { 'backstage.io/kubernetes-id': 'orders-api' },
      },
    };
    const api: Partial<AzureWorkloadIdentityApi> = {
      getChain: async ({ entityRef }) => ({ ...chainOf(), entityRef }),
      listRequests: async () => ({ items: [] }),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[azureWorkloadIdentityApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityAzureAccessSummaryCard />
        </EntityProvider>
      </TestApiProvider>,
      routes,
    );
    expect(await screen.findByTestId('awi-summary-headline')).toHaveTextContent(
      'The chain works: orders-api gets its Azure token.',
    );
    expect(
      screen.getByRole('link', { name: 'See the whole chain' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api/azure-access',
    );
  });
});
