import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { IdentityCard } from './IdentityCard';
import { useEntityChain } from './useEntityChain';
import { useEntityRequests } from './useEntityRequests';
import { workloadRefOf } from './workloadRef';

/** Binds the presentational card to the entity of the page it sits on. */
export function EntityIdentityCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const requests = useEntityRequests(entityRef);
  const chain = useEntityChain(entityRef);
  return (
    <IdentityCard
      entityName={entity.metadata.title ?? entity.metadata.name}
      entityRef={entityRef}
      workload={workloadRefOf(entity)}
      requests={requests}
      chain={chain.state}
      onRefresh={chain.refresh}
    />
  );
}
