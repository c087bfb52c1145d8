/**
 * The parts of a full entity ref, `kind:namespace/name`.
 *
 * @public
 */
export function parseEntityRefParts(ref: string): {
  kind: string;
  namespace: string;
  name: string;
} {
  const match =
    /^([a-zA-Z][\w-]*):([a-z0-9][\w.-]*)\/([a-zA-Z0-9][\w.-]*)$/.exec(ref);
  if (!match) {
    throw new TypeError(
      `'${ref}' is not a full entity ref like component:default/orders-api`,
    );
  }
  return { kind: match[1].toLowerCase(), namespace: match[2], name: match[3] };
}
