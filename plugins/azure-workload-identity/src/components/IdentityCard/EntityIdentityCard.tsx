import { useEntity } from '@backstage/plugin-catalog-react';
import { IdentityCard } from './IdentityCard';
import { workloadRefOf } from './workloadRef';

/** Binds the presentational card to the entity of the page it sits on. */
export function EntityIdentityCard() {
  const { entity } = useEntity();
  return (
    <IdentityCard
      entityName={entity.metadata.title ?? entity.metadata.name}
      workload={workloadRefOf(entity)}
    />
  );
}
