import { LinkState } from '@backstage-community/plugin-azure-workload-identity-common';
import Chip from '@material-ui/core/Chip';
import { getContrastRatio, useTheme } from '@material-ui/core/styles';

/** Black or white, whichever reads better on the colour (WCAG contrast, not MUI's 3:1). */
function textOn(background: string): string {
  return getContrastRatio(background, '#000') >=
    getContrastRatio(background, '#fff')
    ? '#000'
    : '#fff';
}

/**
 * A link's or a chain's state as a chip: broken in the theme's error colour and degraded in
 * its warning colour, so the two differ in the light and the dark theme alike; OK outlined in
 * the primary colour; a link with nothing on it outlined in grey, so it reads as neither
 * working nor failing; the others plain.
 */
export function StateChip(props: {
  state?: LinkState;
  label: string;
  'aria-label'?: string;
}) {
  const { status } = useTheme().palette;
  const { state, label } = props;
  let fill: string | undefined;
  if (state === 'broken') fill = status.error;
  if (state === 'degraded') fill = status.warning;
  return (
    <Chip
      size="small"
      label={label}
      aria-label={props['aria-label']}
      // Inline, so the chip's own grey cannot win over it whatever order styles load in.
      style={fill ? { backgroundColor: fill, color: textOn(fill) } : undefined}
      color={state === 'ok' ? 'primary' : 'default'}
      variant={state === 'ok' || state === 'none' ? 'outlined' : 'default'}
    />
  );
}
