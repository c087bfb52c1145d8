import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * An entity by its title or name as the catalog presents it (a person's display name, a
 * component's title), linking to its page; the full ref is a hover away, so it stays at hand
 * to copy or compare.
 */
export function EntityName(props: { entityRef: string }) {
  return (
    // The span takes the tooltip's props: the link would show a `title` prop as its text.
    <Tooltip title={props.entityRef}>
      <span>
        <EntityRefLink
          entityRef={props.entityRef}
          hideIcon
          disableTooltip
          data-testid="awi-entity-name"
        />
      </span>
    </Tooltip>
  );
}

/** True when the value is an entity ref of the kind given (users and groups act on requests). */
export function isEntityRefOfKind(value: string, kinds: string[]): boolean {
  try {
    const { kind } = parseEntityRef(value);
    return (
      value.includes(':') && kinds.includes(kind.toLocaleLowerCase('en-US'))
    );
  } catch {
    return false;
  }
}

/**
 * Who did something on a request: a person (or group) by their name from the catalog, or
 * "the portal" for its own work, which it signs with a replica or plugin id that means nothing
 * to a reader; that id is kept in the tooltip.
 */
export function ActorName(props: { actor: string }) {
  if (isEntityRefOfKind(props.actor, ['user', 'group'])) {
    return <EntityName entityRef={props.actor} />;
  }
  return (
    <Tooltip title={props.actor}>
      <span data-testid="awi-actor-portal">the portal</span>
    </Tooltip>
  );
}
