import { InfoCard } from '@backstage/core-components';
import { AccessRequestWithEvents } from '@backstage-community/plugin-azure-workload-identity-common';
import Typography from '@material-ui/core/Typography';
import { ActorName } from '../requestWords/EntityName';
import { describeEvent } from './describeEvent';

/** A request's whole story, oldest first: when, who (by name) and what, in words. */
export function RequestTimeline(props: { request: AccessRequestWithEvents }) {
  const { request } = props;
  return (
    <InfoCard title="Timeline">
      <ol data-testid="awi-timeline">
        {request.events.map(event => (
          <li key={event.id}>
            <Typography variant="body2">
              {new Date(event.createdAt).toLocaleString()} —{' '}
              <ActorName actor={event.actor} />:{' '}
              {describeEvent(event, request.plan)}
            </Typography>
          </li>
        ))}
      </ol>
    </InfoCard>
  );
}
