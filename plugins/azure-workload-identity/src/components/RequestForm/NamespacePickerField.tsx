import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { useRequestFormClient } from './useRequestFormClient';

/** `ui:options` of the namespace picker. */
export interface NamespacePickerOptions {
  /** The form field holding the cluster; `cluster` by default. */
  clusterField?: string;
}

/**
 * `AzureNamespacePicker`: a namespace that exists on the cluster picked earlier in the form,
 * read live from the cluster.
 */
export function NamespacePickerField(
  props: FieldExtensionComponentProps<string, NamespacePickerOptions>,
) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const clusterField = uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const cluster: string | undefined =
    props.formContext?.formData?.[clusterField];
  const client = useRequestFormClient();
  const namespaces = useAsync(
    async () => (cluster ? client.listNamespaces(cluster) : []),
    [client, cluster],
  );
  // The form prints rawErrors under the field itself; the field only turns red for them.
  const problem = namespaces.error?.message;

  return (
    <Autocomplete
      id={idSchema?.$id}
      options={namespaces.value ?? []}
      value={formData ?? null}
      onChange={(_event, value) => onChange(value ?? undefined)}
      loading={namespaces.loading}
      disabled={!cluster}
      renderInput={params => (
        <TextField
          {...params}
          margin="normal"
          variant="outlined"
          label={schema.title ?? 'Namespace'}
          required={required}
          error={Boolean(problem || rawErrors?.length)}
          helperText={
            problem ??
            (cluster
              ? `A namespace that exists on ${cluster}.`
              : 'Pick the cluster first.')
          }
          inputProps={{
            ...params.inputProps,
            'data-testid': 'awi-namespace-picker',
          }}
        />
      )}
    />
  );
}
