import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { clusterEnvironmentNote, clusterLabel } from './clusterEnvironment';
import { useRequestFormClient } from './useRequestFormClient';

const HOW_SERVICE_ACCOUNTS = {
  apply: 'The portal creates the service account on this cluster.',
  manifest:
    'This cluster is managed through GitOps: you get the service account manifest to commit.',
};

/**
 * `AzureClusterPicker`: one of the AKS clusters the portal is configured for, with the
 * environment the configuration gives it (the form does not ask for one), saying whether the
 * portal creates the service account there or hands back its manifest (GitOps).
 */
export function ClusterPickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, rawErrors, required, schema, idSchema } = props;
  const client = useRequestFormClient();
  const clusters = useAsync(() => client.listClusters(), [client]);
  const chosen = clusters.value?.find(c => c.name === formData);
  // The form prints rawErrors under the field itself; the field only turns red for them.
  const problem = clusters.error?.message;

  return (
    <TextField
      id={idSchema?.$id}
      select
      fullWidth
      margin="normal"
      variant="outlined"
      label={schema.title ?? 'AKS cluster'}
      required={required}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value)}
      disabled={clusters.loading}
      error={Boolean(problem || rawErrors?.length)}
      helperText={
        problem ??
        (chosen
          ? `${
              HOW_SERVICE_ACCOUNTS[chosen.serviceAccounts]
            } ${clusterEnvironmentNote(chosen)}`
          : schema.description ??
            'Where the workload runs; its environment comes with it.')
      }
      inputProps={{ 'data-testid': 'awi-cluster-picker' }}
    >
      {(clusters.value ?? []).map(cluster => (
        <MenuItem key={cluster.name} value={cluster.name}>
          {clusterLabel(cluster)}
        </MenuItem>
      ))}
    </TextField>
  );
}
