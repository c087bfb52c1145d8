import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in for the embedded default; see app-config.yaml for the user it signs in as.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// The demo's people (a developer, an approver), offered on the sign-in page when configured.
backend.add(import('./demoPersonas/module'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(
  import('@backstage-community/plugin-azure-workload-identity-backend'),
);
// An adopter's module on the plugin's extension points: Azure App Configuration as a resource
// type, and a health rule about it.
backend.add(import('./appConfiguration/module'));
backend.add(
  import(
    '@backstage-community/plugin-scaffolder-backend-module-azure-workload-identity'
  ),
);

backend.start();
