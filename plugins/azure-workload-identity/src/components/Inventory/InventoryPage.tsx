import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  InventoryResponse,
} from '@internal/plugin-azure-workload-identity-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { InventoryTable } from './InventoryTable';

/** The platform team's view of the fleet: which components hold which roles on which scopes. */
export function InventoryPage() {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const inventory = useAsync(async (): Promise<InventoryResponse> => {
    const base = await discovery.getBaseUrl(AZURE_WORKLOAD_IDENTITY_PLUGIN_ID);
    const response = await fetchApi.fetch(`${base}/inventory`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(
        body?.error?.message ?? `the backend answered HTTP ${response.status}`,
      );
    }
    return body;
  }, [discovery, fetchApi]);

  return (
    <Page themeId="tool">
      <Header
        title="Azure access inventory"
        subtitle="Which components hold which roles on which scopes, and whether their chains work"
      />
      <Content>
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
            <InventoryTable rows={inventory.value.items} />
          </>
        )}
      </Content>
    </Page>
  );
}
