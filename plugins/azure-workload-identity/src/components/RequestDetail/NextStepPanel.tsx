import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { azureWorkloadIdentityApiRef } from '../../api';
import { CommandBox } from '../shared/CommandBox';
import { nextStepOf, ROLE_PROPAGATION_DOC } from './nextStep';

const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * What is true once a request is active and what the team must still do, first on the
 * request's page: the chain is ready, the pods need the label (the one command), and Azure may
 * still be applying the roles. The component's live chain, read once, names the workload.
 */
export function NextStepPanel(props: { request: AccessRequestWithEvents }) {
  const { request } = props;
  const api = useApi(azureWorkloadIdentityApiRef);
  // The panel reads without the chain, so a chain that cannot be read only loses precision.
  const chain = useAsync(
    () => api.getChain({ entityRef: request.entityRef }),
    [api, request.entityRef],
  );
  const step = nextStepOf({ request, chain: chain.value });

  return (
    <InfoCard title="Next step">
      <Box data-testid="awi-next-step">
        <Typography variant="body1" paragraph data-testid="awi-next-step-ready">
          {step.ready}
        </Typography>
        {step.manifest && (
          <>
            <Typography variant="body2">
              The cluster is managed through GitOps: apply this service account
              there first.
            </Typography>
            <Box component="pre" padding={1} bgcolor="action.hover">
              {step.manifest}
            </Box>
          </>
        )}
        <Typography variant="body2" data-testid="awi-next-step-pods">
          {step.pods.text}
        </Typography>
        {step.pods.state === 'to-do' && (
          <CommandBox
            command={step.pods.command}
            testId="awi-next-step-command"
            copiedText="Command copied"
            copyLabel="Copy the command"
          />
        )}
        {step.rolesUntil && (
          <Typography variant="body2" data-testid="awi-next-step-roles">
            Azure may take up to 10 minutes to apply a new role assignment, so
            calls can be refused with 403 until about{' '}
            {TIME.format(step.rolesUntil)} (
            <Link to={ROLE_PROPAGATION_DOC}>Azure RBAC troubleshooting</Link>).
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
