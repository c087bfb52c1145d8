import { Fragment } from 'react';
import { EntityName } from '../requestWords/EntityName';

// An entity ref as the backend writes one into a sentence: `component:default/orders-api`.
const ENTITY_REF = /\b([a-z][a-z0-9]*):([a-z0-9][\w.-]*)\/([\w.-]*[\w])/gi;
const KINDS = new Set([
  'api',
  'component',
  'domain',
  'group',
  'resource',
  'system',
  'user',
]);

/**
 * A sentence from the backend with each entity ref in it shown as the entity's name, linking
 * to its page with the ref in a tooltip, so `component:default/…` neither wraps mid-word nor
 * has to be read.
 */
export function TextWithRefs(props: { text: string }) {
  const parts: (string | { ref: string })[] = [];
  let last = 0;
  for (const match of props.text.matchAll(ENTITY_REF)) {
    if (!KINDS.has(match[1].toLowerCase())) continue;
    parts.push(props.text.slice(last, match.index));
    parts.push({ ref: match[0] });
    last = match.index! + match[0].length;
  }
  parts.push(props.text.slice(last));
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {typeof part === 'string' ? (
            part
          ) : (
            <EntityName entityRef={part.ref} />
          )}
        </Fragment>
      ))}
    </>
  );
}
