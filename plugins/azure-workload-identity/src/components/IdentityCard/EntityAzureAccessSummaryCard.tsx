import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { AzureAccessSummaryCard } from './AzureAccessSummaryCard';
import { useEntityChain } from './useEntityChain';
import { useEntityRequests } from './useEntityRequests';
import { workloadRefOf } from './workloadRef';

/** The path of the entity's "Azure access" tab, below its page. */
export const AZURE_ACCESS_TAB_PATH = 'azure-access';

/** Binds the overview's summary card to the entity of the page it sits on. */
export function EntityAzureAccessSummaryCard(props: {
  /** The tab's path below the entity page, when the app mounts it elsewhere. */
  tabPath?: string;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityPage = useEntityRefLink()(entity);
  const chain = useEntityChain(entityRef);
  const requests = useEntityRequests(entityRef);
  return (
    <AzureAccessSummaryCard
      entityName={entity.metadata.title ?? entity.metadata.name}
      entityRef={entityRef}
      workload={workloadRefOf(entity)}
      chain={chain.state}
      requests={requests}
      fullChainLink={`${entityPage.replace(/\/$/, '')}/${
        props.tabPath ?? AZURE_ACCESS_TAB_PATH
      }`}
    />
  );
}
