import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import {
  SelfCheckItem,
  SelfCheckReport,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { CommandBox } from '../shared/CommandBox';
import { useSelfCheck } from './useSelfCheck';

/**
 * What the portal's own identity can and cannot do, for the platform team: whether it is
 * ready to inspect and to provision, and for each place where a right is missing, which
 * actions and the command that grants them. Left out for everyone else.
 */
export function SelfCheckPanel() {
  const selfCheck = useSelfCheck();
  if (selfCheck.loading) return <Progress />;
  if (selfCheck.error) {
    return (
      <WarningPanel
        severity="error"
        title="The portal's permissions could not be checked"
        message={selfCheck.error.message}
      />
    );
  }
  const value = selfCheck.value;
  if (!value || value.kind === 'forbidden') return null;
  if (value.kind === 'unconfigured') {
    return (
      <WarningPanel
        severity="info"
        title="The portal's permissions"
        message={value.message}
      />
    );
  }
  return (
    <SelfCheckReportView
      report={value.report}
      onCheckAgain={selfCheck.checkAgain}
    />
  );
}

export function SelfCheckReportView(props: {
  report: SelfCheckReport;
  /** Asks the backend to check anew, e.g. after a fix was applied. */
  onCheckAgain?: () => void;
}) {
  const { report } = props;
  const problems = report.checks.filter(c => c.status !== 'granted');
  return (
    <Box mb={2} data-testid="awi-self-check">
      <InfoCard
        title="The portal's permissions"
        subheader={`Checked ${new Date(report.checkedAt).toLocaleString()}${
          report.principal?.objectId
            ? ` as Azure principal ${report.principal.objectId}`
            : ''
        }`}
      >
        <Box display="flex" mb={problems.length ? 2 : 0}>
          <Readiness label="Inspection" ready={report.ready.inspection} />
          <Box ml={3}>
            <Readiness label="Provisioning" ready={report.ready.provisioning} />
          </Box>
        </Box>
        {problems.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            Every right the portal needs is granted: {report.checks.length}{' '}
            places checked.
          </Typography>
        )}
        {problems.map(item => (
          <ProblemView
            key={`${item.area}/${item.purpose}/${item.scope}/${item.as}`}
            item={item}
          />
        ))}
        {props.onCheckAgain && (
          <Box mt={2}>
            <Button
              variant="outlined"
              size="small"
              onClick={props.onCheckAgain}
            >
              Check again
            </Button>
          </Box>
        )}
      </InfoCard>
    </Box>
  );
}

function Readiness(props: { label: string; ready: boolean }) {
  return (
    <Typography variant="body1" data-testid={`awi-ready-${props.label}`}>
      {props.ready ? <StatusOK /> : <StatusError />}
      {props.label}: {props.ready ? 'ready' : 'not ready'}
    </Typography>
  );
}

function ProblemView(props: { item: SelfCheckItem }) {
  const { item } = props;
  return (
    <Box mt={2} data-testid="awi-self-check-problem">
      <Typography variant="subtitle2">
        {item.status === 'missing' ? <StatusError /> : <StatusWarning />}
        {item.area === 'azure' ? 'Azure' : 'Kubernetes'}, {item.scope}, for{' '}
        {item.purpose}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        As {item.as}
      </Typography>
      {item.status === 'unknown' ? (
        <Typography variant="body2">Not checked: {item.reason}</Typography>
      ) : (
        <Typography variant="body2" component="div">
          Missing:
          <ul>
            {item.missing.map(m => (
              <li key={m}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        </Typography>
      )}
      {item.fix && (
        <CommandBox
          command={item.fix}
          testId="awi-self-check-fix"
          copiedText="Command copied"
          copyLabel="Copy the command"
        />
      )}
    </Box>
  );
}
