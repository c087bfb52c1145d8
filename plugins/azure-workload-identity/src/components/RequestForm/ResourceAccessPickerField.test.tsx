import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { ResourceAccessPickerField } from './ResourceAccessPickerField';
import {
  fakeBackend,
  fieldProps,
  STORAGE,
  VAULT,
  WithBackend,
} from './__testUtils__/fakeBackend';

describe('ResourceAccessPickerField', () => {
  it('offers the resources that exist, by name and type', async () => {
    const props = fieldProps<{ resourceId?: string; intent?: string }[]>();
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField {...props} />
      </WithBackend>,
    );
    fireEvent.mouseDown(screen.getByTestId('awi-resource-0'));
    expect(await screen.findByText('ordersdata')).toBeInTheDocument();
    expect(screen.getByText('Key Vault in rg-apps')).toBeInTheDocument();
    fireEvent.click(screen.getByText('kv-orders'));
    expect(props.onChange).toHaveBeenLastCalledWith([{ resourceId: VAULT }]);
  });

  it('offers only the intents that fit the picked resource type', async () => {
    const props = fieldProps<{ resourceId?: string; intent?: string }[]>({
      formData: [{ resourceId: VAULT }],
    });
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField {...props} />
      </WithBackend>,
    );
    await screen.findByDisplayValue(VAULT);
    // The catalogue of types arrives after the first render.
    await screen.findByText('Key Vault in rg-apps').catch(() => undefined);
    fireEvent.mouseDown(screen.getByRole('button', { name: /Intent/ }));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.getAttribute('data-value'))).toEqual([
      'read',
      'manage',
    ]);
    fireEvent.click(options[0]);
    expect(props.onChange).toHaveBeenCalledWith([
      { resourceId: VAULT, intent: 'read' },
    ]);
  });

  it('adds and removes rows, keeping at least one', async () => {
    const props = fieldProps<{ resourceId?: string; intent?: string }[]>({
      formData: [
        { resourceId: STORAGE, intent: 'read' },
        { resourceId: VAULT, intent: 'read' },
      ],
    });
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField {...props} />
      </WithBackend>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove resource 1' }));
    expect(props.onChange).toHaveBeenLastCalledWith([
      { resourceId: VAULT, intent: 'read' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Add a resource' }));
    expect(props.onChange).toHaveBeenLastCalledWith([
      { resourceId: STORAGE, intent: 'read' },
      { resourceId: VAULT, intent: 'read' },
      {},
    ]);
  });

  it('turns red for what the form found wrong, leaving the message to the form', async () => {
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField
          {...fieldProps({
            rawErrors: ['Resource 1: use a full Azure resource id'],
          })}
        />
      </WithBackend>,
    );
    expect(screen.getByTestId('awi-resource-0')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.queryByText('Resource 1: use a full Azure resource id'),
    ).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Remove resource 1' }),
    ).toBeDisabled();
  });

  it('takes the name of a resource it lists and keeps that resource’s id', async () => {
    const props = fieldProps<{ resourceId?: string; intent?: string }[]>();
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField {...props} />
      </WithBackend>,
    );
    // The list has arrived once an option can be shown.
    fireEvent.mouseDown(screen.getByTestId('awi-resource-0'));
    await screen.findByText('ordersdata');
    const input = screen.getByTestId('awi-resource-0');
    fireEvent.change(input, { target: { value: 'OrdersData' } });
    fireEvent.blur(input);
    expect(props.onChange).toHaveBeenLastCalledWith([{ resourceId: STORAGE }]);
  });

  it('leaves a name it does not list as typed, for the form to question', async () => {
    const props = fieldProps<{ resourceId?: string; intent?: string }[]>();
    await renderInTestApp(
      <WithBackend backend={fakeBackend()}>
        <ResourceAccessPickerField {...props} />
      </WithBackend>,
    );
    fireEvent.mouseDown(screen.getByTestId('awi-resource-0'));
    await screen.findByText('ordersdata');
    const input = screen.getByTestId('awi-resource-0');
    fireEvent.change(input, { target: { value: 'nosuchaccount' } });
    fireEvent.blur(input);
    expect(props.onChange).toHaveBeenLastCalledWith([
      { resourceId: 'nosuchaccount' },
    ]);
  });
});
