import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import alphaPlugin, {
  azureAccessEntityCard,
  azureAccessEntityContent,
} from './alpha';

describe('the entity page extensions of the new frontend system', () => {
  it('put the summary on the overview as an info card, which an app can list first', () => {
    const tester = createExtensionTester(azureAccessEntityCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
  });

  it('give the whole chain its own "Azure access" tab, where the summary links', () => {
    const tester = createExtensionTester(azureAccessEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Azure access',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/azure-access');
  });

  it('are part of the plugin, on components only', () => {
    const ids = (alphaPlugin as any).extensions.map(
      (e: { id: string }) => e.id,
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'entity-card:azure-workload-identity/azure-access',
        'entity-content:azure-workload-identity/azure-access',
      ]),
    );
    const filter = createExtensionTester(azureAccessEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.({ kind: 'Component' } as any)).toBe(true);
    expect(filter?.({ kind: 'Group' } as any)).toBe(false);
  });
});
