import { Finding } from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { describeEvent } from '../RequestDetail/describeEvent';
import { IdentityCard, IdentityCardProps } from './IdentityCard';
import {
  chainOf,
  requestOf,
  revokedChain,
  revokedRequest,
} from './__testUtils__/fixtures';

function render(props: Partial<IdentityCardProps>) {
  return renderInTestApp(
    <IdentityCard
      entityName="orders-api"
      entityRef="component:default/orders-api"
      workload={{ kubernetesId: 'orders-api', namespace: 'orders' }}
      {...props}
    />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const stillLabelled: Finding = {
  ruleId: 'access-revoked-still-used',
  title: 'Pods still ask for revoked Azure access',
  link: 'pod',
  severity: 'warning',
  state: 'degraded',
  message:
    'Azure access for deployment/orders-api was revoked (request 01a2), but it still asks for it through the pod label azure.workload.identity/use. Its Azure calls fail: remove what is left, or request Azure access again.',
  evidence: {
    expected: 'nothing that asks for workload identity',
    actual: 'the pod label azure.workload.identity/use',
  },
  fix: {
    kind: 'command',
    text: `kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":null}}}}}'`,
    owner: 'component',
  },
};

describe('IdentityCard after a revoke', () => {
  it('says there is no Azure access since the revoke and offers to request it, not a broken chain', async () => {
    await render({
      chain: { loading: false, chain: revokedChain() },
      requests: { loading: false, requests: [revokedRequest] },
    });
    const summary = screen.getByTestId('awi-chain-summary');
    expect(summary).toHaveTextContent(
      'orders-api has no Azure access since it was revoked on 5 December 2026.',
    );
    expect(summary).not.toHaveTextContent(/broken/i);
    expect(screen.queryByTestId('awi-link-identity')).toBeNull();
    expect(screen.queryByTestId('awi-fix')).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Request Azure access' }),
    ).toBeInTheDocument();
  });

  it('says in the request line what the timeline says about the identity', async () => {
    await render({
      chain: { loading: false, chain: revokedChain() },
      requests: { loading: false, requests: [revokedRequest] },
    });
    const timeline = describeEvent(revokedRequest.events[0]);
    expect(timeline).toBe('Revoked; the identity was deleted.');
    expect(screen.getByTestId('awi-request-revoked')).toHaveTextContent(
      timeline,
    );
    expect(screen.getByTestId('awi-request-revoked')).not.toHaveTextContent(
      'kept',
    );
  });

  it('warns only about pods that still ask for Azure, with the command that stops them', async () => {
    await render({
      chain: {
        loading: false,
        chain: revokedChain({
          links: { ...revokedChain().links, pod: 'degraded' },
          findings: [stillLabelled],
        }),
      },
      requests: { loading: false, requests: [revokedRequest] },
    });
    const finding = screen.getByTestId('awi-finding-access-revoked-still-used');
    expect(finding).toHaveTextContent(
      'Pods still ask for revoked Azure access',
    );
    expect(within(finding).getByTestId('awi-fix')).toHaveTextContent(
      '"azure.workload.identity/use":null',
    );
    expect(screen.getAllByTestId(/^awi-finding-/)).toHaveLength(1);
  });

  it('does not say "no access" while the identity still holds roles', async () => {
    await render({
      chain: {
        loading: false,
        chain: revokedChain({
          bindings: [
            {
              ...chainOf().bindings[0],
              usesWorkloadIdentity: false,
            },
          ],
        }),
      },
      requests: { loading: false, requests: [revokedRequest] },
    });
    expect(screen.getByTestId('awi-chain-summary')).toHaveTextContent(
      "orders-api's access was revoked on 5 December 2026, but its identity still holds the roles below.",
    );
    expect(screen.getByTestId('awi-access-held')).toHaveTextContent(
      'Reads blobs in ordersdata/orders',
    );
  });
});

describe('IdentityCard expiry', () => {
  it('shows when the granting request ends, on the card and its request line', async () => {
    const active = requestOf({ expiresAt: '2027-03-12T00:00:00.000Z' });
    await render({
      chain: { loading: false, chain: chainOf() },
      requests: { loading: false, requests: [active] },
    });
    expect(screen.getByTestId('awi-granting-expiry')).toHaveTextContent(
      'Granted by request for orders/orders-api. Expires on 12 March 2027.',
    );
    expect(
      within(screen.getByTestId('awi-request-active')).getByTestId(
        'awi-request-line-expiry',
      ),
    ).toHaveTextContent('Expires on 12 March 2027.');
  });

  it('says plainly when the access does not expire, and names the requester', async () => {
    await render({
      chain: { loading: false, chain: chainOf() },
      requests: { loading: false, requests: [requestOf({})] },
    });
    expect(screen.getByTestId('awi-granting-expiry')).toHaveTextContent(
      'No expiry.',
    );
    const line = screen.getByTestId('awi-request-active');
    expect(line).toHaveTextContent('Requested by olivia-orders.');
    expect(line).not.toHaveTextContent('user:default/');
  });
});
