import { CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';

/** A command to run, as it must be typed, with a button that copies it. */
export function CommandBox(props: {
  command: string;
  testId: string;
  copiedText: string;
  copyLabel: string;
}) {
  return (
    <Box display="flex" alignItems="flex-start">
      <Box
        component="pre"
        flex={1}
        margin={0}
        padding={1}
        overflow="auto"
        bgcolor="action.hover"
        data-testid={props.testId}
      >
        {props.command}
      </Box>
      <CopyTextButton
        text={props.command}
        tooltipText={props.copiedText}
        aria-label={props.copyLabel}
      />
    </Box>
  );
}
