import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RevokePanel } from './RevokePanel';

/** The panel of an active request; the revocations it asks for land in `calls`. */
async function renderActive() {
  const calls: unknown[] = [];
  await renderInTestApp(
    <RevokePanel
      status="active"
      onRevoke={async options => {
        calls.push(options);
      }}
    />,
  );
  return calls;
}

describe('RevokePanel', () => {
  it('asks first, then revokes with the reason and the identity choice', async () => {
    const calls = await renderActive();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke this access' }));
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByLabelText('Why (optional)'), {
      target: { value: '  migration done  ' },
    });
    fireEvent.click(
      screen.getByLabelText(
        'Also delete the identity, if nothing else uses it',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revoke now' }));
    await waitFor(() =>
      expect(calls).toEqual([
        { reason: 'migration done', deleteIdentity: true },
      ]),
    );
  });

  it('changes its mind without revoking', async () => {
    const calls = await renderActive();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke this access' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(
      screen.getByRole('button', { name: 'Revoke this access' }),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('offers to finish a revoke that stopped part-way', async () => {
    await renderInTestApp(
      <RevokePanel status="revoking" onRevoke={async () => undefined} />,
    );
    expect(
      screen.getByRole('button', { name: 'Finish revoking' }),
    ).toBeInTheDocument();
  });
});
