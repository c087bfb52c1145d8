import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  createPersonaAuthenticator,
  readPersonaNames,
  signInAsPersona,
} from './personaSignIn';

/**
 * Sign-in as one of the demo world's people (a developer, a platform-team approver), so that
 * both sides of an access request can be tried on one machine without an identity provider.
 * Registered only when app-config lists personas; production config lists none.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-persona-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const personas = readPersonaNames(config);
        if (personas.length === 0) return;
        providers.registerProvider({
          providerId: 'demoPersona',
          factory: createProxyAuthProviderFactory({
            authenticator: createPersonaAuthenticator(config),
            signInResolver: signInAsPersona(personas),
          }),
        });
      },
    });
  },
});
