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
    expect(options.map(o => o.textContent)).toEqual(['aks-prod', 'aks-gitops']);
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
