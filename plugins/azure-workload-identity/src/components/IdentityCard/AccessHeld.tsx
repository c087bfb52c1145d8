import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { describeExpiry } from '../requestWords/expiry';
import { AccessInWords } from '../shared/accessInWords';

/**
 * What the component can do in Azure, each role on each resource in words, with the role and
 * the full scope a hover away; and when the request that granted it ends.
 */
export function AccessHeld(props: {
  access: AccessInWords[];
  granting?: AccessRequestWithEvents;
  /** Lists at most this many, then says how many more. */
  max?: number;
}) {
  const { access, granting, max = access.length } = props;
  const shown = access.slice(0, max);
  return (
    <Box data-testid="awi-access-held">
      <Typography variant="subtitle2" component="h3">
        Access held
      </Typography>
      {access.length === 0 ? (
        <Typography variant="body2">No role in Azure.</Typography>
      ) : (
        <Box component="ul" margin={0} paddingLeft={2.5}>
          {shown.map(a => (
            <li key={`${a.role}|${a.scope}`}>
              <Tooltip title={`${a.role} on ${a.scope}`}>
                <Typography variant="body2" component="span">
                  {a.words.charAt(0).toUpperCase() + a.words.slice(1)}
                </Typography>
              </Tooltip>
            </li>
          ))}
          {access.length > shown.length && (
            <li>
              <Typography variant="body2" component="span">
                and {access.length - shown.length} more
              </Typography>
            </li>
          )}
        </Box>
      )}
      {granting && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="awi-granting-expiry"
        >
          Granted by{' '}
          <Link to={`/azure-workload-identity/requests/${granting.id}`}>
            request for {granting.namespace}/{granting.serviceAccountName}
          </Link>
          . {describeExpiry(granting.expiresAt)}.
        </Typography>
      )}
    </Box>
  );
}
