import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { NamespacePickerField } from './NamespacePickerField';
import {
  fakeBackend,
  fieldProps,
  WithBackend,
} from './__testUtils__/fakeBackend';

describe('NamespacePickerField', () => {
  it('waits for a cluster before offering namespaces', async () => {
    const backend = fakeBackend();
    await renderInTestApp(
      <WithBackend backend={backend}>
        <NamespacePickerField {...fieldProps<string>()} />
      </WithBackend>,
    );
    expect(screen.getByText('Pick the cluster first.')).toBeInTheDocument();
    expect(screen.getByTestId('awi-namespace-picker')).toBeDisabled();
    expect(backend.calls).toEqual([]);
  });

  it('offers the namespaces that exist on the cluster picked earlier in the form', async () => {
    const props = fieldProps<string>({
      formContext: { formData: { cluster: 'aks-prod' } },
    });
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <NamespacePickerField {...props} />
      </WithBackend>,
    );
    expect(
      screen.getByText('A namespace that exists on aks-prod.'),
    ).toBeInTheDocument();
    const input = screen.getByTestId('awi-namespace-picker');
    fireEvent.mouseDown(input);
    fireEvent.click(await screen.findByText('orders'));
    expect(props.onChange).toHaveBeenCalledWith('orders');
  });

  it('turns red for a problem the form found, leaving the message to the form', async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <NamespacePickerField
          {...fieldProps<string>({
            formContext: { formData: { cluster: 'aks-prod' } },
            rawErrors: ["namespace 'ordrs' does not exist on aks-prod"],
          })}
        />
      </WithBackend>,
    );
    expect(screen.getByTestId('awi-namespace-picker')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.queryByText("namespace 'ordrs' does not exist on aks-prod"),
    ).toBeNull();
  });
});
