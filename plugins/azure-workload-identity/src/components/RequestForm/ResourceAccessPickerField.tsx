import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import {
  ResourceChoice,
  ResourceTypeChoice,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { resolveResourceName } from './resolveResourceName';
import { useRequestFormClient } from './useRequestFormClient';
import { AccessTargetRow } from './validateAccessTargets';

const INTENT_LABELS: Record<string, string> = {
  read: 'read: read its data',
  write: 'write: read and change its data',
  manage: 'manage: administer it (needs approval)',
};

/**
 * `AzureResourceAccessPicker`: the Azure resources the workload needs, each with an intent
 * that fits its type. Offers what exists in the configured subscriptions; a full resource id
 * (e.g. one container of an account) can be typed too, and so can the name of a resource it
 * offers, which becomes that resource's id once typed (Enter, or leaving the field).
 */
export function ResourceAccessPickerField(
  props: FieldExtensionComponentProps<AccessTargetRow[]>,
) {
  const { formData, onChange, rawErrors, schema, idSchema } = props;
  const invalid = Boolean(rawErrors?.length);
  const idOf = (what: string, index: number) =>
    `${idSchema?.$id ?? 'resources'}-${what}-${index}`;
  const client = useRequestFormClient();
  const resources = useAsync(() => client.listResources(), [client]);
  const types = useAsync(() => client.listResourceTypes(), [client]);
  const rows: AccessTargetRow[] = formData?.length ? formData : [{}];

  const update = (index: number, change: AccessTargetRow) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const resolve = (typed: string | undefined) =>
    resolveResourceName(typed, resources.value);
  const remove = (index: number) =>
    onChange(rows.filter((_row, i) => i !== index));
  const loadProblem = resources.error?.message ?? types.error?.message;

  return (
    <Box marginY={2} data-testid="awi-resource-picker">
      <Typography variant="subtitle1">
        {schema.title ?? 'Azure resources'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {rows.map((row, index) => (
        <Box key={index} display="flex" alignItems="flex-start" gridGap={8}>
          <Autocomplete
            id={idOf('resource', index)}
            freeSolo
            style={{ flex: 3 }}
            options={(resources.value ?? []).map(r => r.id)}
            value={row.resourceId ?? null}
            loading={resources.loading}
            getOptionLabel={id => id}
            renderOption={id =>
              describeResource(id, resources.value, types.value)
            }
            onChange={(_event, value) =>
              update(index, { resourceId: resolve(value ?? undefined) })
            }
            onInputChange={(_event, value, reason) => {
              if (reason === 'input') update(index, { resourceId: value });
            }}
            renderInput={params => (
              <TextField
                {...params}
                onBlur={event => {
                  const typed = event.target.value;
                  const id = resolve(typed);
                  if (id !== typed) update(index, { resourceId: id });
                }}
                margin="normal"
                variant="outlined"
                label={`Resource ${index + 1}`}
                required
                error={invalid}
                inputProps={{
                  ...params.inputProps,
                  'data-testid': `awi-resource-${index}`,
                }}
              />
            )}
          />
          <TextField
            id={idOf('intent', index)}
            select
            style={{ flex: 1 }}
            margin="normal"
            variant="outlined"
            label="Intent"
            required
            value={row.intent ?? ''}
            onChange={event => update(index, { intent: event.target.value })}
            inputProps={{ 'data-testid': `awi-intent-${index}` }}
          >
            {intentsFor(row.resourceId, types.value).map(intent => (
              <MenuItem key={intent} value={intent}>
                {INTENT_LABELS[intent] ?? intent}
              </MenuItem>
            ))}
          </TextField>
          <Box marginTop={3}>
            <IconButton
              aria-label={`Remove resource ${index + 1}`}
              disabled={rows.length === 1}
              onClick={() => remove(index)}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        </Box>
      ))}
      <Button onClick={() => onChange([...rows, {}])}>Add a resource</Button>
      {/* The form prints rawErrors under the field itself; only what it cannot know here. */}
      {loadProblem && <FormHelperText error>{loadProblem}</FormHelperText>}
    </Box>
  );
}

/** The intents that fit the picked resource's type; all three until a type is known. */
function intentsFor(
  resourceId: string | undefined,
  types: ResourceTypeChoice[] | undefined,
): string[] {
  const type = resourceId && parseResourceId(resourceId)?.resourceType;
  const known = types?.find(
    t => t.type.toLowerCase() === (type || '').toLowerCase(),
  );
  return known?.intents ?? Object.keys(INTENT_LABELS);
}

function describeResource(
  id: string,
  resources: ResourceChoice[] | undefined,
  types: ResourceTypeChoice[] | undefined,
) {
  const resource = resources?.find(r => r.id === id);
  if (!resource) return id;
  const type =
    types?.find(t => t.type.toLowerCase() === resource.type.toLowerCase())
      ?.displayName ?? resource.type;
  return (
    <Box>
      <Typography variant="body1">{resource.name}</Typography>
      <Typography variant="caption" color="textSecondary">
        {type} in {resource.resourceGroup}
      </Typography>
    </Box>
  );
}
