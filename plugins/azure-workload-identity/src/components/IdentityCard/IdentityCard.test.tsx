import {
  CHAIN_LINKS,
  ChainView,
  Finding,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { ChainAnswer } from './ChainClient';
import { IdentityCard, IdentityCardProps } from './IdentityCard';

const allOk = Object.fromEntries(
  CHAIN_LINKS.map(link => [link, 'ok']),
) as ChainView['links'];

const binding = {
  usesWorkloadIdentity: true,
  cluster: 'aks-dev',
  namespace: 'media',
  workload: 'deployment/media-processor',
  pods: 1,
  serviceAccount: 'media-processor',
  clientId: '11111111-1111-1111-1111-111111111111',
  identity: {
    name: 'wi-media',
    id: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-media',
    clientId: '11111111-1111-1111-1111-111111111111',
    principalId: '22222222-2222-2222-2222-222222222222',
  },
  federatedCredentials: [
    {
      name: 'media-processor',
      issuer: 'https://issuer/',
      subject: 'system:serviceaccount:media:media-processor',
    },
  ],
  roleAssignments: [
    {
      roleDefinitionId:
        '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
      scope:
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/mediadata/blobServices/default/containers/uploads',
    },
  ],
  targets: [],
};

const labelMissing: Finding = {
  ruleId: 'pod-label-missing',
  link: 'pod',
  severity: 'error',
  state: 'broken',
  message:
    'The pods of deployment/media-processor lack the label azure.workload.identity/use: "true", so the webhook never gives them a token.',
  evidence: {
    expected: 'azure.workload.identity/use: "true"',
    actual: 'label absent',
  },
  fix: {
    kind: 'command',
    text: `kubectl -n media patch deployment media-processor -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}}}}}'`,
    owner: 'component',
  },
};

function chain(overrides: Partial<ChainAnswer> = {}): ChainAnswer {
  return {
    entityRef: 'component:default/media-processor',
    checkedAt: '2026-12-04T10:00:00.000Z',
    links: allOk,
    findings: [],
    bindings: [binding],
    fromCache: false,
    ...overrides,
  };
}

function render(props: Partial<IdentityCardProps> = {}) {
  return renderInTestApp(
    <IdentityCard
      entityName="media-processor"
      entityRef="component:default/media-processor"
      workload={{ kubernetesId: 'media-processor', namespace: 'media' }}
      {...props}
    />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The token exchange fails because of the missing label: masked by it. */
const tokenFailsForLabel: Finding = {
  ...labelMissing,
  ruleId: 'token-exchange-failed',
  link: 'token',
  maskedBy: 'pod-label-missing',
};

describe('IdentityCard', () => {
  it('says it is reading the chain while it loads', async () => {
    await render({ chain: { loading: true } });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says what went wrong when the chain cannot be read', async () => {
    await render({
      chain: {
        loading: false,
        error:
          'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId',
      },
    });
    expect(
      screen.getByText('Error: The chain could not be read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/live inspection is not configured/),
    ).toBeInTheDocument();
  });

  it('offers the request template to a component without access yet', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({
          bindings: [
            { ...binding, usesWorkloadIdentity: false, identity: undefined },
          ],
        }),
      },
    });
    expect(screen.getByTestId('awi-chain-summary')).toHaveTextContent(
      'media-processor has no Azure access through workload identity yet.',
    );
    expect(screen.getByTestId('awi-no-identity')).toHaveTextContent(
      'Its workloads are labelled backstage.io/kubernetes-id=media-processor.',
    );
    const request = screen.getByRole('button', {
      name: 'Request Azure access',
    });
    expect(decodeURIComponent(request.getAttribute('href')!)).toContain(
      '"entityRef":"component:default/media-processor","namespace":"media","serviceAccountName":"media-processor"',
    );
    expect(screen.queryByTestId('awi-link-pod')).toBeNull();
  });

  it('draws a healthy chain: what works is OK, what holds nothing says so, and the access held in words', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({ links: { ...allOk, resource: 'none' } }),
      },
    });
    expect(screen.getByTestId('awi-chain-summary')).toHaveTextContent(
      'The chain works: media-processor gets its Azure token.',
    );
    for (const link of CHAIN_LINKS.filter(l => l !== 'resource')) {
      expect(screen.getByTestId(`awi-link-${link}`)).toHaveAttribute(
        'data-state',
        'ok',
      );
    }
    expect(screen.getByTestId('awi-link-identity')).toHaveTextContent(
      'wi-media (client id 11111111-1111-1111-1111-111111111111)',
    );
    // No resource named: not "OK", and why.
    const resource = screen.getByTestId('awi-link-resource');
    expect(
      within(resource).getByLabelText('Azure resources: None named'),
    ).toBeInTheDocument();
    expect(resource).toHaveTextContent(
      'No request or annotation names the resources it uses',
    );
    expect(screen.getByTestId('awi-link-roleassignment')).toHaveTextContent(
      'reads blobs in mediadata/uploads',
    );
    expect(screen.getByTestId('awi-access-held')).toHaveTextContent(
      'Access heldReads blobs in mediadata/uploads',
    );
    expect(screen.getByText(/^Checked /)).toBeInTheDocument();
  });

  it('says a link with nothing on it is none or unknown, never OK', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({
          links: {
            ...allOk,
            serviceaccount: 'broken',
            identity: 'none',
            federation: 'unknown',
            roleassignment: 'unknown',
          },
          bindings: [
            {
              ...binding,
              identity: undefined,
              federatedCredentials: [],
              roleAssignments: [],
            },
          ],
        }),
      },
    });
    expect(screen.queryByLabelText(/^Managed identity: OK$/)).toBeNull();
    expect(
      screen.getByLabelText('Managed identity: None found'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('awi-link-identity')).toHaveTextContent(
      'No managed identity has client id 11111111-1111-1111-1111-111111111111.',
    );
    expect(
      screen.getByLabelText('Federated credential: Unknown'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('awi-link-federation')).toHaveTextContent(
      'Not read: no managed identity was found to read them from.',
    );
    expect(
      screen.getByLabelText('Role assignments: Unknown'),
    ).toBeInTheDocument();
  });

  it('shows a broken link with expected beside found and the fix to copy, hiding what it explains', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({
          links: { ...allOk, pod: 'broken', token: 'broken' },
          findings: [labelMissing, tokenFailsForLabel],
        }),
      },
    });
    expect(screen.getByTestId('awi-chain-summary')).toHaveAttribute(
      'data-state',
      'broken',
    );
    const pod = screen.getByTestId('awi-link-pod');
    expect(pod).toHaveAttribute('data-state', 'broken');
    const finding = within(pod).getByTestId('awi-finding-pod-label-missing');
    expect(finding).toHaveTextContent(
      'Expectedazure.workload.identity/use: "true"',
    );
    expect(finding).toHaveTextContent('Foundlabel absent');
    expect(within(finding).getByTestId('awi-fix')).toHaveTextContent(
      'kubectl -n media patch deployment media-processor',
    );
    expect(
      within(finding).getByRole('button', { name: 'Copy the fix' }),
    ).toBeInTheDocument();
    expect(finding).toHaveTextContent('Pods lack the workload identity label');
    expect(
      screen.queryByTestId('awi-finding-token-exchange-failed'),
    ).toBeNull();
  });

  it('names the cause elsewhere by its title when a link fails because of it', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({
          links: { ...allOk, pod: 'broken', token: 'broken' },
          findings: [labelMissing, tokenFailsForLabel],
        }),
      },
    });
    const token = screen.getByTestId('awi-link-token');
    expect(
      within(token).getByLabelText('Token exchange: Broken'),
    ).toBeInTheDocument();
    expect(within(token).getByTestId('awi-explained-token')).toHaveTextContent(
      'Also affected by “Pods lack the workload identity label”: fixing that fixes this too.',
    );
    expect(token).not.toHaveTextContent('pod-label-missing');
    expect(
      within(screen.getByTestId('awi-link-cluster')).getByLabelText(/: OK$/),
    ).toBeInTheDocument();
  });

  it('shows an entity ref in a finding as the entity, the ref kept in a tooltip', async () => {
    await render({
      chain: {
        loading: false,
        chain: chain({
          links: { ...allOk, identity: 'degraded' },
          findings: [
            {
              ...labelMissing,
              ruleId: 'identity-shared-blast-radius',
              link: 'identity',
              severity: 'warning',
              state: 'degraded',
              message:
                'wi-media is shared with component:default/billing-worker.',
            },
          ],
        }),
      },
    });
    const finding = screen.getByTestId(
      'awi-finding-identity-shared-blast-radius',
    );
    expect(finding).toHaveTextContent(
      'wi-media is shared with billing-worker.',
    );
    expect(finding).not.toHaveTextContent('component:default/');
    const link = within(finding).getByRole('link', { name: /billing-worker/ });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/billing-worker',
    );
    fireEvent.mouseOver(link);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'component:default/billing-worker',
    );
  });

  it('reads the chain again on refresh', async () => {
    const onRefresh = jest.fn();
    await render({ chain: { loading: false, chain: chain() }, onRefresh });
    fireEvent.click(
      screen.getByRole('button', { name: 'Check the chain again' }),
    );
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it('tells the owner which annotation to add when no workload is named', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="lonely"
        entityRef="component:default/lonely"
        workload={{}}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByTestId('awi-workload')).toHaveTextContent(
      'add the annotation backstage.io/kubernetes-id',
    );
  });
});
