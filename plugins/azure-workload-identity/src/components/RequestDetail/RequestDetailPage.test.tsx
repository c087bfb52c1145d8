import { identityApiRef } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  AccessRequestWithEvents,
  RequestEvent,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  AzureWorkloadIdentityApi,
  azureWorkloadIdentityApiRef,
  ChainAnswer,
  AzureWorkloadIdentityApiError,
} from '../../api';
import { RequestDetailPage } from './RequestDetailPage';

const noOne: PermissionApi = {
  authorize: async () =>
    ({ result: 'DENY' } as Awaited<ReturnType<PermissionApi['authorize']>>),
};

// The catalog's names for the demo's people, as its presentation API gives them.
const NAMES: Record<string, string> = {
  'user:default/olivia-orders': 'Olivia (Team Orders)',
  'user:default/pat-platform': 'Pat (Platform team)',
  'component:default/media-processor': 'Media processor',
};
const presentation = {
  forEntity: (ref: string) => {
    const snapshot = { entityRef: ref, primaryTitle: NAMES[ref] ?? ref };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

/** The page at /requests/<id>, reading through a fake of the plugin's API. */
async function openRequest(id: string, api: Partial<AzureWorkloadIdentityApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [azureWorkloadIdentityApiRef, api],
        [permissionApiRef, noOne],
        [entityPresentationApiRef, presentation],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/olivia-orders' }),
        ],
      ]}
    >
      <Routes>
        <Route path="/requests/:id" element={<RequestDetailPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [`/requests/${id}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const refusing = (status: number, message: string) => ({
  getRequest: async () => {
    throw new AzureWorkloadIdentityApiError({ message, status });
  },
});

const at = new Date(Date.now() - 60_000).toISOString();
const event = (
  type: string,
  actor: string,
  detail?: RequestEvent['detail'],
): RequestEvent => ({
  id: `${type}-${String(detail?.step ?? '')}`,
  requestId: 'r1',
  type,
  actor,
  detail,
  createdAt: at,
});
const PORTAL = 'vm/3388/2bd71e04';

const active: AccessRequestWithEvents = {
  id: 'r1',
  entityRef: 'component:default/media-processor',
  requestedBy: 'user:default/olivia-orders',
  status: 'active',
  cluster: 'aks-dev',
  namespace: 'media',
  serviceAccountName: 'media-processor',
  spec: {
    entityRef: 'component:default/media-processor',
    cluster: 'aks-dev',
    namespace: 'media',
    serviceAccountName: 'media-processor',
    resources: [],
  },
  expiresAt: '2027-03-12T00:00:00.000Z',
  planHash: 'sha256:a',
  plan: {
    planHash: 'sha256:a',
    requiresApproval: true,
    approvalReasons: [],
    notes: [],
    steps: [
      {
        id: 'identity',
        kind: 'ensure-identity',
        action: 'create',
        name: 'id-media-processor-aks-dev',
        resourceId: 'x',
        subscriptionId: 's',
        resourceGroup: 'rg',
        tags: {},
        why: 'It has none yet.',
      },
      {
        id: 'role-assignment-1',
        kind: 'ensure-role-assignment',
        action: 'create',
        roleName: 'Storage Blob Data Reader',
        roleId: 'r',
        scope:
          '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/mediadata',
        privileged: false,
        why: 'It reads blobs.',
      },
    ],
  },
  createdAt: at,
  updatedAt: at,
  events: [
    event('created', 'user:default/olivia-orders', { requiresApproval: true }),
    event('approved', 'user:default/pat-platform'),
    event('step-applied', PORTAL, { step: 'identity' }),
    event('apply-completed', PORTAL),
  ],
};

describe('RequestDetailPage', () => {
  it('says a request the backend does not know does not exist', async () => {
    const id = '0190f5e2-7b1c-7c3d-8e4f-0123456789ab';
    await openRequest(id, refusing(404, `request ${id} not found`));
    expect(
      await screen.findByText('This request does not exist'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        new RegExp(`^No request for Azure access has the id ${id}\\.`),
      ),
    ).toBeInTheDocument();
  });

  it('says plainly that a malformed id is no request id', async () => {
    await openRequest(
      'req-856c',
      refusing(
        400,
        'invalid request id: id: use a request id as the API returned it',
      ),
    );
    expect(
      await screen.findByText('This request does not exist'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^“req-856c” is not a request id/),
    ).toBeInTheDocument();
  });

  it('puts the next step of an active request first, in what is true', async () => {
    await openRequest('r1', {
      getRequest: async () => active,
      getChain: async () => {
        throw new Error('live inspection is not configured');
      },
    });
    const next = await screen.findByTestId('awi-next-step');
    expect(next).toHaveTextContent(
      'The chain is ready: managed identity id-media-processor-aks-dev trusts service account media/media-processor on aks-dev.',
    );
    // Without the live chain, what the pod template needs, and no command for a guessed name.
    expect(within(next).getByTestId('awi-next-step-pods')).toHaveTextContent(
      "their workload's pod template needs that label and serviceAccountName: media-processor.",
    );
    expect(
      within(next).queryByTestId('awi-next-step-command'),
    ).not.toBeInTheDocument();
    expect(next).toHaveTextContent('Azure may take up to 10 minutes');
    expect(document.body).not.toHaveTextContent(/get their Azure token/);
    // First on the page: before the request's own card and its timeline.
    const timeline = screen.getByTestId('awi-timeline');
    expect(
      // eslint-disable-next-line no-bitwise
      next.compareDocumentPosition(timeline) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('gives the command for the workload the live chain names, whatever its kind and name', async () => {
    await openRequest('r1', {
      getRequest: async () => active,
      getChain: async () => ({
        entityRef: 'component:default/media-processor',
        checkedAt: at,
        fromCache: false,
        links: {} as ChainAnswer['links'],
        findings: [],
        bindings: [
          {
            usesWorkloadIdentity: false,
            cluster: 'aks-dev',
            namespace: 'media',
            workload: 'statefulset/media-store',
            pods: 1,
            serviceAccount: 'default',
            federatedCredentials: [],
            roleAssignments: [],
            targets: [],
          },
        ],
      }),
    });
    expect(
      await screen.findByTestId('awi-next-step-command'),
    ).toHaveTextContent(
      'kubectl -n media patch statefulset media-store --type merge',
    );
    expect(screen.getByTestId('awi-next-step-pods')).toHaveTextContent(
      'Pods of statefulset/media-store run as service account media/default, not media/media-processor.',
    );
  });

  it('names the component, the people and the steps in words, and says when it expires', async () => {
    await openRequest('r1', {
      getRequest: async () => active,
      getChain: async () => {
        throw new Error('not read');
      },
    });
    const title = await screen.findByTestId('awi-request-title');
    expect(title).toHaveTextContent('Media processor — active');
    expect(screen.getByTestId('awi-request-subheader')).toHaveTextContent(
      'media/media-processor on aks-dev, requested by Olivia (Team Orders)',
    );
    expect(screen.getByTestId('awi-request-expiry')).toHaveTextContent(
      'Expires on 12 March 2027',
    );
    const lines = within(screen.getByTestId('awi-timeline'))
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(lines[1]).toMatch(/ — Pat \(Platform team\): Approved\.$/);
    expect(lines[2]).toMatch(
      / — the portal: Managed identity id-media-processor-aks-dev: done\.$/,
    );
    expect(lines.join('\n')).not.toMatch(/vm\/3388|user:default|ensure-/);
    expect(screen.getAllByTestId('awi-actor-portal')[0]).toHaveAttribute(
      'title',
      PORTAL,
    );
  });

  it('says "No expiry" for a request without an end', async () => {
    await openRequest('r1', {
      getRequest: async () => ({
        ...active,
        status: 'pending-approval',
        expiresAt: undefined,
      }),
    });
    expect(await screen.findByTestId('awi-request-expiry')).toHaveTextContent(
      'No expiry',
    );
    expect(screen.queryByTestId('awi-next-step')).not.toBeInTheDocument();
  });
});
