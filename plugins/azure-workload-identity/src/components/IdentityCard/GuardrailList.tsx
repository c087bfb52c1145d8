import { ChainGuardrails } from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** What a cluster's admission guardrails mean for this component, in a sentence. */
export function guardrailWords(guardrail: ChainGuardrails): string {
  const { cluster, mode, state } = guardrail;
  if (mode === 'off' || state === 'off') {
    return `${cluster}: no admission guardrails. The cluster does not check which identity a service account names.`;
  }
  const what =
    mode === 'deny'
      ? 'refuses a service account that names a client id not granted to its namespace'
      : 'lets a service account name a client id not granted to its namespace, with a warning and an audit record';
  switch (state) {
    case 'current':
      return `${cluster}: the cluster ${what}.`;
    case 'outdated':
      return `${cluster}: the guardrails (${mode}) are installed but outdated, so the cluster may not hold to the latest grants; see the finding above.`;
    case 'missing':
      return `${cluster}: the guardrails (${mode}) are configured but not installed; see the finding above.`;
    default:
      return `${cluster}: the guardrails (${mode}) could not be read.`;
  }
}

/** The guardrail state of each cluster the component runs on. */
export function GuardrailList(props: { guardrails?: ChainGuardrails[] }) {
  if (!props.guardrails?.length) return null;
  return (
    <Box marginTop={2} data-testid="awi-guardrails">
      <Typography variant="h6">Guardrails in the cluster</Typography>
      {props.guardrails.map(guardrail => (
        <Typography
          key={guardrail.cluster}
          variant="body2"
          data-state={guardrail.state}
        >
          {guardrailWords(guardrail)}
        </Typography>
      ))}
    </Box>
  );
}
