import {
  Finding,
  ruleTitle,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { CommandBox } from '../shared/CommandBox';
import { TextWithRefs } from '../shared/TextWithRefs';

/**
 * One problem of a link: its rule by name (the id a hover away), what it means, what was
 * expected beside what was found, and the fix: a command with a copy button, or what to do in
 * words, and under it what to know around it. Only the command is copied.
 */
export function FindingView(props: { finding: Finding }) {
  const { finding } = props;
  const { fix } = finding;
  const title = ruleTitle(finding.ruleId, finding.title);
  return (
    <Box
      component="li"
      marginY={1}
      data-testid={`awi-finding-${finding.ruleId}`}
      aria-label={`Problem: ${title}`}
    >
      <Tooltip title={finding.ruleId}>
        <Typography variant="subtitle2" component="h4">
          {title}
        </Typography>
      </Tooltip>
      <Typography variant="body2">
        <TextWithRefs text={finding.message} />
      </Typography>
      <Box display="flex" flexWrap="wrap" gridGap={16} marginY={0.5}>
        <Box flex="1 1 200px">
          <Typography variant="caption" color="textSecondary" component="div">
            Expected
          </Typography>
          <Typography variant="body2" component="code">
            {finding.evidence.expected}
          </Typography>
        </Box>
        <Box flex="1 1 200px">
          <Typography variant="caption" color="textSecondary" component="div">
            Found
          </Typography>
          <Typography variant="body2" component="code">
            {finding.evidence.actual}
          </Typography>
        </Box>
      </Box>
      {fix.kind !== 'none' ? (
        <Box>
          <Typography variant="caption" color="textSecondary" component="div">
            {fix.owner === 'platform' ? 'Fix (for the platform team)' : 'Fix'}
          </Typography>
          {fix.kind === 'action' ? (
            <Typography variant="body2" data-testid="awi-fix-action">
              <TextWithRefs text={fix.text} />
            </Typography>
          ) : (
            <CommandBox
              command={fix.text}
              testId="awi-fix"
              copiedText="Fix copied"
              copyLabel="Copy the fix"
            />
          )}
          {fix.note ? (
            <Typography variant="body2" data-testid="awi-fix-note">
              <TextWithRefs text={fix.note} />
            </Typography>
          ) : null}
        </Box>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {fix.text}
        </Typography>
      )}
    </Box>
  );
}
