import { startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAzureWorkloadIdentity } from './module';

describe('scaffolderModuleAzureWorkloadIdentity', () => {
  it('registers the request action with the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    // A stand-in scaffolder plugin that owns the extension point, so the module wires for real.
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: (...actions) => added.push(...actions),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    await startTestBackend({
      features: [scaffolder, scaffolderModuleAzureWorkloadIdentity],
    });

    expect(added.map(a => a.id)).toEqual(['azure:workload-identity:request']);
  });
});
