import { ManagedIdentity } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';

/** Every identity Backstage could list, plus the one recorded for this binding. */
export function knownIdentities(unit: BindingView): ManagedIdentity[] {
  const listed = unit.snapshot.identityInventory.flatMap(
    s => valueOf(s.identities) ?? [],
  );
  return unit.identity ? [...listed, unit.identity] : listed;
}

/** "Exists nowhere" may only be concluded when every subscription was listed. */
export function inventoryComplete(unit: BindingView): boolean {
  return unit.snapshot.identityInventory.every(
    s => s.identities.status === 'ok',
  );
}

export const GUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sameGuid(
  a: string | undefined,
  b: string | undefined,
): boolean {
  return (
    a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase()
  );
}

export function rawClientIdAnnotation(unit: BindingView): string | undefined {
  return unit.serviceAccount?.metadata.annotations?.[
    'azure.workload.identity/client-id'
  ];
}
