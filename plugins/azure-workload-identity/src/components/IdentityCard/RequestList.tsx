import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { EntityName } from '../requestWords/EntityName';
import { describeExpiry } from '../requestWords/expiry';
import { statusWords } from '../requestWords/statusWords';
import { describeRequest } from './describeRequest';

// Requests whose access is in effect or about to be: their end date matters to the owner.
const HOLDS_ACCESS = ['pending-approval', 'approved', 'applying', 'active'];

/** The component's requests for Azure access, newest first, each with where it stands. */
export function RequestList(props: { requests: AccessRequestWithEvents[] }) {
  const { requests } = props;
  if (requests.length === 0) {
    return (
      <Typography variant="body2" data-testid="awi-requests">
        No request for Azure access yet: use the “Request Azure access”
        template.
      </Typography>
    );
  }
  return (
    <div data-testid="awi-requests">
      {requests.map(request => (
        <div key={request.id} data-testid={`awi-request-${request.status}`}>
          <Typography variant="subtitle2">
            <Link to={`/azure-workload-identity/requests/${request.id}`}>
              {request.namespace}/{request.serviceAccountName} on{' '}
              {request.cluster}
            </Link>{' '}
            — {statusWords(request.status)}
          </Typography>
          <Typography variant="body2" paragraph>
            {describeRequest(request)}
            {HOLDS_ACCESS.includes(request.status) && (
              <span data-testid="awi-request-line-expiry">
                {' '}
                {describeExpiry(request.expiresAt)}.
              </span>
            )}{' '}
            Requested by <EntityName entityRef={request.requestedBy} />.
          </Typography>
        </div>
      ))}
    </div>
  );
}
