import {
  CHAIN_LINKS,
  ChainBinding,
  ChainView,
  Link,
  LinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StateChip } from '../shared/StateChip';
import { FindingView } from './FindingView';

const LINK_TITLES: Record<Link, string> = {
  cluster: 'AKS cluster and OIDC issuer',
  webhook: 'Workload identity webhook',
  pod: 'Pods',
  serviceaccount: 'Service account',
  federation: 'Federated credential',
  identity: 'Managed identity',
  roleassignment: 'Role assignments',
  resource: 'Azure resources',
  token: 'Token exchange',
};

const STATE_LABELS: Record<LinkState, string> = {
  ok: 'OK',
  broken: 'Broken',
  degraded: 'Needs attention',
  pending: 'Pending',
  unknown: 'Unknown',
};

/**
 * The chain drawn link by link in the order a token travels, each link with its state, what
 * was found there, and its problems (root causes only; what they explain is hidden).
 */
export function ChainLinks(props: { chain: ChainView }) {
  const { chain } = props;
  const binding = chain.bindings.find(b => b.usesWorkloadIdentity);
  const visible = chain.findings.filter(f => !f.maskedBy);
  return (
    <Box component="ol" padding={0} margin={0} style={{ listStyle: 'none' }}>
      {CHAIN_LINKS.map(link => {
        const state = chain.links[link];
        const findings = visible.filter(f => f.link === link);
        // Hidden behind a root cause elsewhere: said, so an OK here is not read as "works".
        const explained = chain.findings.filter(
          f => f.link === link && f.maskedBy,
        );
        // Nothing of its own is wrong, but it fails because of a cause elsewhere (a token
        // exchange refused for a credential's typo): not "OK".
        const affected = state === 'ok' && explained.length > 0;
        const label = affected ? 'Affected' : STATE_LABELS[state];
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
                state={affected ? undefined : state}
                label={label}
                aria-label={`${LINK_TITLES[link]}: ${label}`}
              />
            </Box>
            {binding && (
              <Typography variant="caption" color="textSecondary">
                {foundAt(link, binding)}
              </Typography>
            )}
            {explained.length > 0 && (
              <Typography
                variant="body2"
                color="textSecondary"
                data-testid={`awi-explained-${link}`}
              >
                Also affected by {explained[0].maskedBy}: fixing that fixes this
                too.
              </Typography>
            )}
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

/** What the inspector found at a link, in a few words. */
function foundAt(link: Link, b: ChainBinding): string {
  switch (link) {
    case 'cluster':
      return b.cluster;
    case 'webhook':
      return `namespace ${b.namespace}`;
    case 'pod':
      return `${b.workload ?? 'no workload'}, ${b.pods} pod${
        b.pods === 1 ? '' : 's'
      }`;
    case 'serviceaccount':
      return `${b.namespace}/${b.serviceAccount}${
        b.clientId ? `, client id ${b.clientId}` : ', no client id'
      }`;
    case 'federation':
      return b.federatedCredentials.map(f => f.subject).join(', ') || 'none';
    case 'identity':
      return b.identity
        ? `${b.identity.name} (client id ${b.identity.clientId})`
        : 'none found';
    case 'roleassignment':
      return `${b.roleAssignments.length} assignment${
        b.roleAssignments.length === 1 ? '' : 's'
      }`;
    case 'resource':
      return (
        b.targets
          .map(t => `${t.resourceId.split('/').pop()} (${t.intent})`)
          .join(', ') || 'none named'
      );
    case 'token':
    default:
      return 'exchanged at Entra ID as the workload would';
  }
}
