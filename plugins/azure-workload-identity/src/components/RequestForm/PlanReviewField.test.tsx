import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { PlanReviewField } from './PlanReviewField';
import {
  fakeBackend,
  fieldProps,
  plan,
  STORAGE,
  WithBackend,
} from './__testUtils__/fakeBackend';

const formData = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' }],
  justification: '',
  planHash: 'an earlier plan',
};

describe('PlanReviewField', () => {
  it('plans what the form holds and shows each link of the chain before the run', async () => {
    const backend = fakeBackend();
    let sent: unknown;
    backend.routes['POST /plan'] = body => {
      sent = body;
      return { status: 200, body: { plan } };
    };
    const props = fieldProps<string>({ formContext: { formData } });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <PlanReviewField {...props} />
      </WithBackend>,
    );
    const review = await screen.findByTestId('awi-plan-review');
    // Empty fields and the form's own values are not part of the request.
    expect(sent).toEqual({
      entityRef: 'component:default/orders-api',
      cluster: 'aks-prod',
      namespace: 'orders',
      serviceAccountName: 'orders-api',
      resources: [{ resourceId: STORAGE, intent: 'read' }],
    });
    expect(review).toHaveTextContent(
      'Managed identity newid-orders-api-aks-prod in resource group rg-identities',
    );
    expect(review).toHaveTextContent(
      'aks-prod-orders-orders-api trusts tokens with issuer https://oidc.aks-prod.example/issuer/, subject system:serviceaccount:orders:orders-api and audience api://AzureADTokenExchange',
    );
    expect(review).toHaveTextContent('Storage Blob Data Reader');
    expect(review).toHaveTextContent(
      'the narrowest built-in role that reads blobs',
    );
    expect(screen.getByTestId('awi-plan-approval')).toHaveTextContent(
      'No approval needed',
    );
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(plan.planHash),
    );
  });

  it('says why a person must approve the plan, a reason a line, and where the environment comes from', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({
      status: 200,
      body: {
        plan: {
          ...plan,
          environment: 'production',
          requiresApproval: true,
          approvalReasons: [
            {
              code: 'data-owner-role',
              message:
                'Storage Blob Data Owner can also change who reads the data.',
            },
            {
              code: 'production',
              message: 'aks-prod serves production.',
            },
          ],
        },
      },
    });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <PlanReviewField
          {...fieldProps<string>({ formContext: { formData } })}
        />
      </WithBackend>,
    );
    expect(await screen.findByTestId('awi-plan-approval')).toHaveTextContent(
      'The platform team must approve this plan before anything is created.',
    );
    expect(
      within(screen.getByTestId('awi-approval-reasons'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Storage Blob Data Owner can also change who reads the data.',
      'aks-prod serves production.',
    ]);
    expect(screen.getByTestId('awi-risk-badges')).toHaveTextContent(
      'Data Owner role',
    );
    expect(screen.getByTestId('awi-plan-environment')).toHaveTextContent(
      "Environment: production (from the cluster's configuration)",
    );
  });

  it('names no environment when the plan has none', async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <PlanReviewField
          {...fieldProps<string>({ formContext: { formData } })}
        />
      </WithBackend>,
    );
    await screen.findByTestId('awi-plan-review');
    expect(
      screen.queryByTestId('awi-plan-environment'),
    ).not.toBeInTheDocument();
  });

  it.each([
    [
      403,
      'component:default/payments-worker is owned by group:default/team-payments; only its owners, and those the permission policy allows, may request Azure access for it',
    ],
    [
      404,
      'component:default/ghost-not-in-catalog is not in the catalog, or you may not read it',
    ],
  ])(
    "shows a %i refusal in the backend's own words, and holds no plan",
    async (status, message) => {
      const backend = fakeBackend();
      backend.routes['POST /plan'] = () => ({
        status,
        body: { error: { message } },
      });
      const props = fieldProps<string>({ formContext: { formData } });
      await renderInTestApp(
        <WithBackend backend={backend}>
          <PlanReviewField {...props} />
        </WithBackend>,
      );
      expect((await screen.findByTestId('awi-plan-error')).textContent).toBe(
        `No plan could be made: ${message}`,
      );
      expect(props.onChange).not.toHaveBeenCalledWith(
        expect.stringMatching(/sha256/),
      );
    },
  );

  it('names the resource a note is about as the form does', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({
      status: 200,
      body: {
        plan: {
          ...plan,
          notes: [
            {
              field: 'resources[0]',
              level: 'info',
              code: 'scope-account',
              message:
                'Granted on the whole Storage account; a container or queue or table scope would be narrower.',
            },
          ],
        },
      },
    });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <PlanReviewField
          {...fieldProps<string>({ formContext: { formData } })}
        />
      </WithBackend>,
    );
    const review = await screen.findByTestId('awi-plan-review');
    expect(review).toHaveTextContent(
      'Resource 1: Granted on the whole Storage account',
    );
    expect(review).not.toHaveTextContent('resources[0]');
  });

  it('lists what to change when no plan can be made, and holds no plan', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({
      status: 400,
      body: {
        error: {
          message: 'no plan can be made',
          problems: [
            {
              field: 'namespace',
              message: "namespace 'ordrs' does not exist on aks-prod",
            },
          ],
        },
      },
    });
    const props = fieldProps<string>({ formContext: { formData } });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <PlanReviewField {...props} />
      </WithBackend>,
    );
    expect(await screen.findByTestId('awi-plan-error')).toHaveTextContent(
      "Namespace: namespace 'ordrs' does not exist on aks-prod",
    );
    expect(props.onChange).toHaveBeenCalledWith(undefined);
    expect(props.onChange).not.toHaveBeenCalledWith(
      expect.stringMatching(/sha256/),
    );
  });

  it('says what happened when the backend cannot plan at all', async () => {
    const backend = fakeBackend();
    backend.routes['POST /plan'] = () => ({
      status: 503,
      body: { error: { message: 'live pre-flight is not configured' } },
    });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <PlanReviewField
          {...fieldProps<string>({ formContext: { formData } })}
        />
      </WithBackend>,
    );
    expect(await screen.findByTestId('awi-plan-error')).toHaveTextContent(
      'No plan could be made: live pre-flight is not configured',
    );
  });
});
