import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AzureWorkloadIdentityApiError } from '../../api';
import { DecisionClient, PendingRequestCard } from './PendingRequestCard';

// The card links the component and the requester to their catalog pages.
const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

const PLAN_HASH = `sha256:${'a'.repeat(64)}`;
const STORAGE =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata';

const pending: AccessRequestWithEvents = {
  id: '01a20b08-0292-74ad-ac02-9cc2a1b90312',
  entityRef: 'component:default/orders-api',
  requestedBy: 'user:default/olivia-orders',
  status: 'pending-approval',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  spec: {
    entityRef: 'component:default/orders-api',
    cluster: 'aks-prod',
    namespace: 'orders',
    serviceAccountName: 'orders-api',
    resources: [],
  },
  planHash: PLAN_HASH,
  plan: {
    planHash: PLAN_HASH,
    steps: [],
    requiresApproval: true,
    approvalReasons: [
      { code: 'privileged-role', message: 'Owner is a privileged role.' },
    ],
    notes: [],
  },
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  events: [],
};

function fakeClient(overrides: Partial<DecisionClient> = {}) {
  const calls: string[] = [];
  const client: DecisionClient = {
    approveRequest: async ({ id, planHash }) => {
      calls.push(`approve ${id} ${planHash}`);
    },
    rejectRequest: async ({ id, reason }) => {
      calls.push(`reject ${id} ${reason}`);
    },
    ...overrides,
  };
  return { client, calls };
}

describe('PendingRequestCard', () => {
  it('lets a platform-team member approve exactly the plan shown', async () => {
    const { client, calls } = fakeClient();
    const onDecided = jest.fn();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={onDecided}
      />,
      routes,
    );
    expect(screen.getByText(/Owner is a privileged role/)).toBeInTheDocument();
    expect(screen.getByTestId('awi-risk-badges')).toHaveTextContent(
      'Privileged role',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Approve this plan' }));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(calls).toEqual([`approve ${pending.id} ${PLAN_HASH}`]);
  });

  it('shows the plan in words, where its environment comes from, and each reason on its own line', async () => {
    const { client } = fakeClient();
    const request: AccessRequestWithEvents = {
      ...pending,
      plan: {
        ...pending.plan!,
        environment: 'production',
        approvalReasons: [
          {
            code: 'other-team-resource',
            message:
              'kv-payments belongs to group:default/team-payments (its backstage-owner tag), not to group:default/team-orders.',
          },
          {
            code: 'production',
            message: 'aks-prod serves production.',
          },
        ],
        steps: [
          {
            id: 'identity',
            kind: 'ensure-identity',
            action: 'create',
            name: 'id-orders-api-aks-prod',
            resourceId: 'x',
            subscriptionId: 's',
            resourceGroup: 'rg-identities',
            tags: {},
            why: 'orders-api has no identity on aks-prod yet.',
          },
          {
            id: 'federated-credential',
            kind: 'ensure-federated-credential',
            action: 'create',
            identityResourceId: 'x',
            name: 'aks-prod-orders-orders-api',
            issuer: 'https://oidc.aks-prod.example/issuer/',
            subject: 'system:serviceaccount:orders:orders-api',
            audience: 'api://AzureADTokenExchange',
            why: 'Trusts exactly this service account.',
          },
          {
            id: 'role-assignment-1',
            kind: 'ensure-role-assignment',
            action: 'create',
            roleName: 'Storage Blob Data Reader',
            roleId: 'r',
            scope: `${STORAGE}/blobServices/default/containers/orders`,
            privileged: false,
            why: 'The narrowest role that reads blobs.',
          },
          {
            id: 'service-account',
            kind: 'ensure-service-account',
            cluster: 'aks-prod',
            namespace: 'orders',
            name: 'orders-api',
            annotations: {},
            labels: {},
            why: 'Points the service account at the identity.',
          },
          {
            id: 'verify',
            kind: 'verify',
            cluster: 'aks-prod',
            namespace: 'orders',
            serviceAccountName: 'orders-api',
            issuer: 'https://oidc.aks-prod.example/issuer/',
            audience: 'api://AzureADTokenExchange',
            why: 'Proves the chain works.',
          },
        ],
      },
    };
    await renderInTestApp(
      <PendingRequestCard
        request={request}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    expect(
      within(screen.getByTestId('awi-plan-steps'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Create managed identity id-orders-api-aks-prod: orders-api has no identity on aks-prod yet.',
      "Trust aks-prod's issuer for system:serviceaccount:orders:orders-api: Trusts exactly this service account.",
      'Storage Blob Data Reader on …/containers/orders: The narrowest role that reads blobs.',
      'Annotate service account orders/orders-api: Points the service account at the identity.',
      'Check a token exchange works: Proves the chain works.',
    ]);
    expect(screen.getByTestId('awi-plan-environment')).toHaveTextContent(
      "Environment: production (from the cluster's configuration)",
    );
    expect(
      within(screen.getByTestId('awi-approval-reasons'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'kv-payments belongs to group:default/team-payments (its backstage-owner tag), not to group:default/team-orders.',
      'aks-prod serves production.',
    ]);
    expect(screen.getByTestId('awi-risk-badges')).toHaveTextContent(
      "Another team's resource",
    );
  });

  it('says nothing of the environment when the configuration gives none', async () => {
    const { client } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    expect(
      screen.queryByTestId('awi-plan-environment'),
    ).not.toBeInTheDocument();
  });

  it('tells the requester why they cannot approve, and offers no control', async () => {
    const { client } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/olivia-orders"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    expect(screen.getByTestId('awi-cannot-decide')).toHaveTextContent(
      'You requested this; another member of the platform team must approve it.',
    );
    expect(
      screen.queryByRole('button', { name: 'Approve this plan' }),
    ).not.toBeInTheDocument();
  });

  it('tells someone without the permission that the platform team decides', async () => {
    const { client } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/omar-orders"
        mayApprove={false}
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    expect(screen.getByTestId('awi-cannot-decide')).toHaveTextContent(
      'Only the platform team approves requests for Azure access.',
    );
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });

  it('asks for a reason before rejecting', async () => {
    const { client, calls } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    const reject = screen.getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Reason to reject'), {
      target: { value: 'use the staging vault' },
    });
    fireEvent.click(reject);
    await waitFor(() =>
      expect(calls).toEqual([`reject ${pending.id} use the staging vault`]),
    );
  });

  it('shows what changed when the plan drifted since it was read', async () => {
    const { client } = fakeClient({
      approveRequest: async () => {
        throw new AzureWorkloadIdentityApiError({
          message: 'the plan of request changed since it was read',
          status: 409,
          changes: [
            {
              stepId: 'identity',
              summary:
                "managed identity 'id-orders': action was 'create', now 'adopt'",
            },
          ],
        });
      },
    });
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Approve this plan' }));
    expect(await screen.findByTestId('awi-decision-problem')).toHaveTextContent(
      "action was 'create', now 'adopt'",
    );
  });

  it('names the component and the requester as the catalog does, with their refs at hand, and says when it expires', async () => {
    const { client } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={{ ...pending, expiresAt: '2027-03-12T00:00:00.000Z' }}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    const component = screen.getByRole('link', { name: 'orders-api' });
    expect(component).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api',
    );
    expect(component.closest('[title]')).toHaveAttribute(
      'title',
      'component:default/orders-api',
    );
    expect(screen.getByRole('link', { name: 'olivia-orders' })).toHaveAttribute(
      'href',
      '/catalog/default/user/olivia-orders',
    );
    expect(screen.getByTestId('awi-pending-title')).not.toHaveTextContent(
      'component:default',
    );
    expect(screen.getByTestId('awi-request-expiry')).toHaveTextContent(
      'Expires on 12 March 2027',
    );
  });

  it('says a request without an end date has no expiry', async () => {
    const { client } = fakeClient();
    await renderInTestApp(
      <PendingRequestCard
        request={pending}
        viewer="user:default/pat-platform"
        mayApprove
        client={client}
        onDecided={jest.fn()}
      />,
      routes,
    );
    expect(screen.getByTestId('awi-request-expiry')).toHaveTextContent(
      'No expiry',
    );
  });
});
