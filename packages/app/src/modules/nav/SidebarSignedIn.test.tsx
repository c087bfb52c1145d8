import { SidebarOpenStateProvider } from '@backstage/core-components';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { SidebarSignedIn } from './SidebarSignedIn';

describe('SidebarSignedIn', () => {
  it('names who is signed in, links to their catalog page, and signs out', async () => {
    const identity = mockApis.identity({
      userEntityRef: 'user:default/olivia-orders',
      displayName: 'Olivia (Team Orders)',
    });
    const signOut = jest.spyOn(identity, 'signOut');
    await renderInTestApp(
      <TestApiProvider apis={[[identityApiRef, identity]]}>
        <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
          <SidebarSignedIn />
        </SidebarOpenStateProvider>
      </TestApiProvider>,
    );
    const who = await screen.findByRole('link', {
      name: 'Signed in as Olivia (Team Orders)',
    });
    expect(who).toHaveTextContent('Olivia (Team Orders)');
    expect(who).toHaveAttribute('href', '/catalog/default/user/olivia-orders');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(signOut).toHaveBeenCalled();
  });
});
