import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The header the demo sign-in page sends: the name of the catalog user to sign in as. */
export const PERSONA_HEADER = 'x-demo-persona';

export type PersonaResult = { userName: string; displayName?: string };

/**
 * The user names the demo may sign in as, from `auth.providers.demoPersona.personas`. Only
 * these: the header comes from the browser, so anything not listed is refused.
 */
export function readPersonaNames(config: Config): string[] {
  return [...readPersonaTitles(config).keys()];
}

/** Each persona's name with the title the sign-in page shows for it. */
function readPersonaTitles(config: Config): Map<string, string | undefined> {
  return new Map(
    (
      config.getOptionalConfigArray('auth.providers.demoPersona.personas') ?? []
    ).map(persona => [
      persona.getString('name'),
      persona.getOptionalString('title'),
    ]),
  );
}

/**
 * Like the guest provider, demo personas are for a local portal against the sandbox: anyone can
 * claim any listed user, so outside development they must be switched on explicitly.
 */
function allowedHere(config: Config): boolean {
  return (
    process.env.NODE_ENV === 'development' ||
    config.getOptionalBoolean(
      'auth.providers.demoPersona.dangerouslyAllowOutsideDevelopment',
    ) === true
  );
}

export function createPersonaAuthenticator(config: Config) {
  const titles = readPersonaTitles(config);
  return createProxyAuthenticator<undefined, PersonaResult, undefined>({
    defaultProfileTransform: async result => ({
      profile: { displayName: result.displayName ?? result.userName },
    }),
    initialize: () => undefined,
    async authenticate({ req }) {
      if (!allowedHere(config)) {
        throw new NotAllowedError(
          'Demo personas are for development only; set auth.providers.demoPersona.dangerouslyAllowOutsideDevelopment to use them elsewhere',
        );
      }
      const userName = req.get(PERSONA_HEADER);
      if (!userName) {
        throw new InputError(
          `Choose a persona: the ${PERSONA_HEADER} header names the user to sign in as`,
        );
      }
      // The title the sign-in page showed, so the portal greets the persona by the same name.
      const displayName = titles.get(userName);
      return { result: { userName, displayName } };
    },
  });
}

export function signInAsPersona(
  allowed: string[],
): SignInResolver<PersonaResult> {
  return async ({ result }, ctx) => {
    if (!allowed.includes(result.userName)) {
      throw new NotAllowedError(
        `'${result.userName}' is not one of the demo personas (${allowed.join(
          ', ',
        )})`,
      );
    }
    return ctx.signInWithCatalogUser({
      entityRef: { kind: 'User', namespace: 'default', name: result.userName },
    });
  };
}
