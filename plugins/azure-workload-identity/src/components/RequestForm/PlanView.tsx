import {
  EnsureFederatedCredentialStep,
  EnsureIdentityStep,
  EnsureRoleAssignmentStep,
  EnsureServiceAccountStep,
  fieldLabel,
  Plan,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { RiskBadges } from '../Approvals/RiskBadges';
import { describeEnvironment } from '../shared/planInWords';

const ACTION_LABELS = { create: 'new', adopt: 'reused', update: 'corrected' };

/**
 * The plan, as the requester reviews it before the run: the identity, the federated
 * credential, each role on each scope and why it is the least privilege, the service account,
 * the environment the configuration gives the cluster, and whether a person must approve it
 * and why.
 */
export function PlanView(props: { plan: Plan }) {
  const { plan } = props;
  const environment = describeEnvironment(plan);
  const identity = stepsOf<EnsureIdentityStep>(plan, 'ensure-identity')[0];
  const credentials = stepsOf<EnsureFederatedCredentialStep>(
    plan,
    'ensure-federated-credential',
  );
  const roles = stepsOf<EnsureRoleAssignmentStep>(
    plan,
    'ensure-role-assignment',
  );
  const serviceAccount = stepsOf<EnsureServiceAccountStep>(
    plan,
    'ensure-service-account',
  )[0];

  return (
    <Box data-testid="awi-plan-review">
      {plan.requiresApproval ? (
        <Alert severity="warning" data-testid="awi-plan-approval">
          The platform team must approve this plan before anything is created.
          <RiskBadges reasons={plan.approvalReasons} />
          {/* One reason a line: each is a whole sentence naming what to weigh. */}
          <ul data-testid="awi-approval-reasons">
            {plan.approvalReasons.map(r => (
              <li key={`${r.code}: ${r.message}`}>{r.message}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert severity="success" data-testid="awi-plan-approval">
          No approval needed: the approval policy found nothing in this plan for
          a person to weigh, so the chain is created as soon as you run this.
        </Alert>
      )}

      {environment && (
        <Box marginTop={2}>
          <Typography variant="body2" data-testid="awi-plan-environment">
            {environment}
          </Typography>
        </Box>
      )}

      {identity && (
        <Section
          title="Managed identity"
          action={identity.action}
          why={identity.why}
        >
          <code>{identity.name}</code> in resource group{' '}
          <code>{identity.resourceGroup}</code>
        </Section>
      )}

      {credentials.map(fic => (
        <Section
          key={fic.id}
          title="Federated credential"
          action={fic.action}
          why={fic.why}
        >
          <code>{fic.name}</code> trusts tokens with issuer{' '}
          <code>{fic.issuer}</code>, subject <code>{fic.subject}</code> and
          audience <code>{fic.audience}</code>
        </Section>
      ))}

      {roles.length > 0 && (
        <Section title="Role assignments">
          <Table size="small" aria-label="Role assignments">
            <TableHead>
              <TableRow>
                <TableCell>Role</TableCell>
                <TableCell>Scope</TableCell>
                <TableCell>Why this role</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {roles.map(role => (
                <TableRow key={role.id}>
                  <TableCell>
                    {role.roleName}
                    {role.privileged && (
                      <Chip size="small" label="Privileged" color="secondary" />
                    )}
                  </TableCell>
                  <TableCell>
                    <code>{role.scope}</code>
                  </TableCell>
                  <TableCell>{role.why}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}

      {serviceAccount && (
        <Section title="Kubernetes service account" why={serviceAccount.why}>
          <code>
            {serviceAccount.namespace}/{serviceAccount.name}
          </code>{' '}
          on {serviceAccount.cluster}, annotated with the identity's client id
        </Section>
      )}

      {plan.notes.map(note => (
        <Alert
          key={`${note.field}-${note.code}`}
          severity={note.level === 'warning' ? 'warning' : 'info'}
        >
          {fieldLabel(note.field)}: {note.message}
        </Alert>
      ))}
    </Box>
  );
}

function Section(props: {
  title: string;
  action?: keyof typeof ACTION_LABELS;
  why?: string;
  children: ReactNode;
}) {
  return (
    <Box marginTop={2}>
      <Typography variant="h6" component="h3">
        {props.title}{' '}
        {props.action && (
          <Chip
            size="small"
            variant="outlined"
            label={ACTION_LABELS[props.action]}
          />
        )}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
      {props.why && (
        <Typography variant="body2" color="textSecondary">
          {props.why}
        </Typography>
      )}
    </Box>
  );
}

function stepsOf<S extends Plan['steps'][number]>(
  plan: Plan,
  kind: S['kind'],
): S[] {
  return plan.steps.filter((step): step is S => step.kind === kind);
}
