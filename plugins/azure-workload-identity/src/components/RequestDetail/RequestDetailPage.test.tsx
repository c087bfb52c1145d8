import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { RequestDetailPage } from './RequestDetailPage';

const noOne: PermissionApi = {
  authorize: async () =>
    ({ result: 'DENY' } as Awaited<ReturnType<PermissionApi['authorize']>>),
};

/** The page at /requests/<id>, with the backend answering `status` and `message`. */
async function openRequest(id: string, status: number, message: string) {
  const fetch = jest.fn(
    async () =>
      new Response(JSON.stringify({ error: { name: 'Error', message } }), {
        status,
      }),
  );
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, { getBaseUrl: async () => 'http://backend/api/awi' }],
        [fetchApiRef, { fetch }],
        [permissionApiRef, noOne],
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
    { routeEntries: [`/requests/${id}`] },
  );
}

describe('RequestDetailPage', () => {
  it('says a request the backend does not know does not exist', async () => {
    const id = '0190f5e2-7b1c-7c3d-8e4f-0123456789ab';
    await openRequest(id, 404, `request ${id} not found`);
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
      400,
      'invalid request id: id: use a request id as the API returned it',
    );
    expect(
      await screen.findByText('This request does not exist'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^“req-856c” is not a request id/),
    ).toBeInTheDocument();
  });
});
