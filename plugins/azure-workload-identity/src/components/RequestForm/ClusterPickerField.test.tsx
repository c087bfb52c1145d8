import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { ClusterPickerField } from './ClusterPickerField';
import {
  fakeBackend,
  fieldProps,
  WithBackend,
} from './__testUtils__/fakeBackend';

describe('ClusterPickerField', () => {
  it('offers the configured clusters and hands back the one picked', async () => {
    const props = fieldProps<string>();
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ClusterPickerField {...props} />
      </WithBackend>,
    );
    fireEvent.mouseDown(
      await screen.findByRole('button', { name: /AKS cluster/ }),
    );
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    // The environment comes with the cluster: the person sees it, never chooses it.
    expect(options.map(o => o.textContent)).toEqual([
      'aks-prod — production',
      'aks-gitops — development',
    ]);
    fireEvent.click(options[1]);
    expect(props.onChange).toHaveBeenCalledWith('aks-gitops');
  });

  it('says when the service account comes back as a manifest to commit', async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ClusterPickerField
          {...fieldProps<string>({ formData: 'aks-gitops' })}
        />
      </WithBackend>,
    );
    expect(
      await screen.findByText(
        /managed through GitOps: you get the service account manifest/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the picked cluster's environment and where it comes from", async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ClusterPickerField {...fieldProps<string>({ formData: 'aks-prod' })} />
      </WithBackend>,
    );
    expect(
      await screen.findByRole('button', { name: /aks-prod — production/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "The portal creates the service account on this cluster. The environment comes from the portal's configuration.",
      ),
    ).toBeInTheDocument();
  });

  it('names the namespaces the configuration sets apart', async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ClusterPickerField
          {...fieldProps<string>({ formData: 'aks-gitops' })}
        />
      </WithBackend>,
    );
    expect(
      await screen.findByText(
        /The portal's configuration sets the environment: production in namespace payments, staging in namespaces starting with perf-; development elsewhere\./,
      ),
    ).toBeInTheDocument();
  });

  it('says so when the configuration gives a cluster no environment', async () => {
    const backend = fakeBackend();
    backend.routes['GET /catalog/clusters'] = () => ({
      status: 200,
      body: {
        clusters: [
          {
            name: 'aks-lab',
            subscriptionId: 's',
            resourceGroup: 'rg',
            serviceAccounts: 'apply',
          },
        ],
      },
    });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <ClusterPickerField {...fieldProps<string>({ formData: 'aks-lab' })} />
      </WithBackend>,
    );
    expect(
      await screen.findByRole('button', {
        name: /aks-lab — environment unknown/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/does not say which environment this cluster serves/),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal by the field", async () => {
    const backend = fakeBackend();
    backend.routes['GET /catalog/clusters'] = () => ({
      status: 403,
      body: {
        error: {
          message:
            'the permission policy does not let you request Azure access',
        },
      },
    });
    await renderInTestApp(
      <WithBackend backend={backend}>
        <ClusterPickerField {...fieldProps<string>()} />
      </WithBackend>,
    );
    expect(
      await screen.findByText(
        'the permission policy does not let you request Azure access',
      ),
    ).toBeInTheDocument();
  });
});
