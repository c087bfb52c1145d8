import { ResourceChoice } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * What the person typed in the resource picker, as a resource id: a name the picker itself
 * lists ("searchdata") becomes that resource's id; an id, or a name that is unknown or shared
 * by several resources, stays as typed for the field's check to speak to.
 */
export function resolveResourceName(
  typed: string | undefined,
  resources: ResourceChoice[] | undefined,
): string | undefined {
  const text = typed?.trim();
  if (!text || text.startsWith('/')) return typed;
  const named = (resources ?? []).filter(
    r => r.name.toLocaleLowerCase('en-US') === text.toLocaleLowerCase('en-US'),
  );
  return named.length === 1 ? named[0].id : typed;
}
