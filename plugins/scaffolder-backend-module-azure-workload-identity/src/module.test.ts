import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAzureWorkloadIdentity } from './module';

describe('scaffolderModuleAzureWorkloadIdentity', () => {
  // A stand-in scaffolder plugin that owns the extension point, so the module wires for real.
  function scaffolderCollecting(added: TemplateAction<any, any, any>[]) {
    return createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: (...actions) => added.push(...actions),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
  }

  it('registers the request and revoke actions with the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];

    await startTestBackend({
      features: [
        scaffolderCollecting(added),
        scaffolderModuleAzureWorkloadIdentity,
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });

    expect(added.map(a => a.id)).toEqual([
      'azure:workload-identity:request',
      'azure:workload-identity:revoke',
    ]);
  });

  it('refuses to start with a wait timeout that is not positive', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderCollecting([]),
          scaffolderModuleAzureWorkloadIdentity,
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              azureWorkloadIdentity: { scaffolder: { waitTimeoutSeconds: 0 } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'azureWorkloadIdentity.scaffolder.waitTimeoutSeconds must be a positive number of seconds, got 0',
    );
  });
});
