import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { requestApprovePermission } from '@backstage-community/plugin-azure-workload-identity-common';
import Typography from '@material-ui/core/Typography';
import { SelfCheckPanel } from '../SelfCheck';
import { InventoryTable } from './InventoryTable';
import { useGrantingRequests } from './useGrantingRequests';
import { useInventory } from './useInventory';

/** The platform team's view of the fleet: which components hold which roles on which scopes. */
export function InventoryPage() {
  const inventory = useInventory();
  const requests = useGrantingRequests();
  // The self-check shows the portal's own privileges to those who may approve; the backend
  // refuses everyone else, so it is not asked for them at all.
  const { allowed: mayApprove } = usePermission({
    permission: requestApprovePermission,
  });

  return (
    <Page themeId="tool">
      <Header
        title="Azure access inventory"
        subtitle="Which components hold which roles on which scopes, and whether their chains work"
      />
      <Content>
        {mayApprove && <SelfCheckPanel />}
        {inventory.loading && <Progress />}
        {inventory.error && (
          <WarningPanel
            severity="error"
            title="The inventory could not be read"
            message={inventory.error.message}
          />
        )}
        {inventory.value && (
          <>
            {inventory.value.notScanned.length > 0 && (
              <Typography
                variant="body2"
                paragraph
                data-testid="awi-not-scanned"
              >
                Not read yet (the next fleet scan reads them):{' '}
                {inventory.value.notScanned.join(', ')}
              </Typography>
            )}
            <InventoryTable rows={inventory.value.items} requests={requests} />
          </>
        )}
      </Content>
    </Page>
  );
}
