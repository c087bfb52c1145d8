import {
  CHAIN_LINKS,
  ChainView,
  ruleTitle,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { StateChip } from '../shared/StateChip';
import { FindingView } from './FindingView';
import { foundAt, LINK_TITLES, stateLabel } from './linkWords';

/**
 * The chain drawn link by link in the order a token travels, each link with its state, what
 * was found there, and its problems (root causes only; what they explain is named, not shown).
 */
export function ChainLinks(props: { chain: ChainView }) {
  const { chain } = props;
  const binding = chain.bindings.find(b => b.usesWorkloadIdentity);
  const visible = chain.findings.filter(f => !f.maskedBy);
  const titleOf = (ruleId: string) =>
    ruleTitle(ruleId, chain.findings.find(f => f.ruleId === ruleId)?.title);
  return (
    <Box component="ol" padding={0} margin={0} style={{ listStyle: 'none' }}>
      {CHAIN_LINKS.map(link => {
        const state = chain.links[link];
        const label = stateLabel(link, state);
        const findings = visible.filter(f => f.link === link);
        // Hidden behind a root cause elsewhere: named, so the state here is not a mystery.
        const causes = [
          ...new Set(
            chain.findings
              .filter(f => f.link === link && f.maskedBy)
              .map(f => f.maskedBy!),
          ),
        ];
        return (
          <Box
            component="li"
            key={link}
            paddingY={1}
            borderBottom={1}
            borderColor="divider"
            data-testid={`awi-link-${link}`}
            data-state={state}
          >
            <Box display="flex" alignItems="center" gridGap={8}>
              <Typography
                variant="subtitle2"
                component="h3"
                style={{ flex: 1 }}
              >
                {LINK_TITLES[link]}
              </Typography>
              <StateChip
                state={state}
                label={label}
                aria-label={`${LINK_TITLES[link]}: ${label}`}
              />
            </Box>
            {binding && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
                data-testid={`awi-found-${link}`}
              >
                {foundAt(link, binding, state)}
              </Typography>
            )}
            {causes.map(cause => (
              <Typography
                key={cause}
                variant="body2"
                color="textSecondary"
                data-testid={`awi-explained-${link}`}
              >
                Also affected by{' '}
                <Tooltip title={cause}>
                  <span>“{titleOf(cause)}”</span>
                </Tooltip>
                : fixing that fixes this too.
              </Typography>
            ))}
            {findings.length > 0 && (
              <Box component="ul" paddingLeft={2} margin={0}>
                {findings.map(finding => (
                  <FindingView
                    key={`${finding.ruleId}-${finding.ref?.id ?? ''}`}
                    finding={finding}
                  />
                ))}
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
