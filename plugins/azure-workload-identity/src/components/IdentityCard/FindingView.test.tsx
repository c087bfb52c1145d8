import { Finding } from '@backstage-community/plugin-azure-workload-identity-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { FindingView } from './FindingView';

const base: Finding = {
  ruleId: 'kv-access-policy-mode-no-policy',
  link: 'resource',
  severity: 'error',
  state: 'broken',
  message:
    'Key Vault kv-security uses access policies, not Azure RBAC; no access policy lets wi-secrets read secrets.',
  evidence: {
    expected: 'access policy for 33333333 with secrets:get',
    actual: 'no entry',
  },
  fix: {
    kind: 'command',
    text: 'az keyvault set-policy --name kv-security --object-id 33333333 --secret-permissions get list',
    owner: 'component',
    note: "The platform's alternative is to turn on Azure RBAC for the vault: its roles then count and its access policies no longer do, for every user of the vault.",
  },
};

function render(finding: Finding) {
  return renderInTestApp(
    <ul>
      <FindingView finding={finding} />
    </ul>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('FindingView', () => {
  it('shows the command in its copy box and the note under it, in words outside the box', async () => {
    await render(base);
    const finding = screen.getByTestId(
      'awi-finding-kv-access-policy-mode-no-policy',
    );
    const box = within(finding).getByTestId('awi-fix');
    expect(box).toHaveTextContent(
      /^az keyvault set-policy --name kv-security --object-id 33333333 --secret-permissions get list$/,
    );
    expect(
      within(finding).getByRole('button', { name: 'Copy the fix' }),
    ).toBeInTheDocument();
    const note = within(finding).getByTestId('awi-fix-note');
    expect(note).toHaveTextContent(
      "The platform's alternative is to turn on Azure RBAC for the vault",
    );
    expect(box).not.toContainElement(note);
    // Under the command: the note follows the box in the page.
    expect(
      box.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows no note where the fix has none', async () => {
    await render({ ...base, fix: { ...base.fix, note: undefined } });
    expect(screen.getByTestId('awi-fix')).toBeInTheDocument();
    expect(screen.queryByTestId('awi-fix-note')).toBeNull();
  });

  it('shows an action as words, with no copy box, saying who does it', async () => {
    await render({
      ...base,
      ruleId: 'resource-network-blocked',
      fix: {
        kind: 'action',
        owner: 'platform',
        text: "Public network access to kv-security is disabled, so network rules cannot help: create a private endpoint for kv-security in the cluster's virtual network.",
      },
    });
    const finding = screen.getByTestId('awi-finding-resource-network-blocked');
    expect(finding).toHaveTextContent('Fix (for the platform team)');
    expect(within(finding).getByTestId('awi-fix-action')).toHaveTextContent(
      'Public network access to kv-security is disabled, so network rules cannot help',
    );
    expect(within(finding).queryByTestId('awi-fix')).toBeNull();
    expect(
      within(finding).queryByRole('button', { name: 'Copy the fix' }),
    ).toBeNull();
  });

  it('says there is nothing to do without a fix heading', async () => {
    await render({
      ...base,
      ruleId: 'ra-propagation-pending',
      fix: {
        kind: 'none',
        owner: 'component',
        text: 'Nothing to do; refresh after 10:08 UTC.',
      },
    });
    const finding = screen.getByTestId('awi-finding-ra-propagation-pending');
    expect(finding).toHaveTextContent(
      'Nothing to do; refresh after 10:08 UTC.',
    );
    expect(within(finding).queryByText('Fix')).toBeNull();
    expect(within(finding).queryByTestId('awi-fix')).toBeNull();
  });
});
