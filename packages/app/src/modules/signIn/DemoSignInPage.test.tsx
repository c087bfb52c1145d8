import { configApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DemoSignInPage, forgettingPersonaOnSignOut } from './DemoSignInPage';

const personas = [
  {
    name: 'olivia-orders',
    title: 'Olivia (Team Orders)',
    description: 'Developer.',
  },
  {
    name: 'pat-platform',
    title: 'Pat (Platform team)',
    description: 'Approver.',
  },
];
const base = {
  app: { title: 'Demo portal' },
  backend: { baseUrl: 'http://localhost:7007' },
};
const config = { ...base, auth: { providers: { demoPersona: { personas } } } };
const apisWith = (data: object) =>
  [
    [configApiRef, mockApis.config({ data })],
    [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://localhost:7007' })],
  ] as const;

describe('DemoSignInPage', () => {
  let fetchSpy: jest.SpyInstance;
  beforeEach(() => {
    window.localStorage.clear();
    const session = { backstageIdentity: { token: 'token-of-pat' } };
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockResolvedValue({ ok: true, json: async () => session } as Response);
  });
  afterEach(() => fetchSpy.mockRestore());

  it('offers each persona and asks the backend to sign in the one chosen', async () => {
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={apisWith(config)}>
        <DemoSignInPage onSignInSuccess={onSignInSuccess} />
      </TestApiProvider>,
    );

    expect(screen.getByText('Approver.')).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as Pat (Platform team)' }),
    );

    await waitFor(() => expect(fetchSpy).toHaveBeenCalled());
    const [url, init] = fetchSpy.mock.calls[0];
    expect(String(url)).toBe(
      'http://localhost:7007/api/auth/demoPersona/refresh',
    );
    expect(init.headers.get('x-demo-persona')).toBe('pat-platform');
    // The choice is remembered for a reload.
    expect(
      window.localStorage.getItem('azure-workload-identity:demo-persona'),
    ).toBe('pat-platform');
  });

  it('forgets the persona on sign-out, so the next visit offers the choice again', async () => {
    window.localStorage.setItem(
      'azure-workload-identity:demo-persona',
      'pat-platform',
    );
    const signOut = jest.fn().mockResolvedValue(undefined);
    const identity = forgettingPersonaOnSignOut({
      signOut,
      getProfileInfo: jest.fn(),
      getBackstageIdentity: jest.fn(),
      getCredentials: jest.fn(),
    });
    await identity.signOut();
    expect(signOut).toHaveBeenCalled();
    expect(
      window.localStorage.getItem('azure-workload-identity:demo-persona'),
    ).toBeNull();
  });

  it('is the guest sign-in when no personas are configured', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apisWith(base)}>
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Sign in as/)).toBeNull();
  });
});
