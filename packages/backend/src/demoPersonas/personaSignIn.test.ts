import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';
import {
  createPersonaAuthenticator,
  PERSONA_HEADER,
  readPersonaNames,
  signInAsPersona,
} from './personaSignIn';

const config = (extra: object = {}) =>
  new ConfigReader({
    auth: {
      providers: {
        demoPersona: {
          personas: [
            { name: 'olivia-orders', title: 'Olivia' },
            { name: 'pat-platform', title: 'Pat' },
          ],
          ...extra,
        },
      },
    },
  });

const requestWith = (headers: Record<string, string>) =>
  ({
    get: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request);

describe('demo persona sign-in', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('reads the persona names from config', () => {
    expect(readPersonaNames(config())).toEqual([
      'olivia-orders',
      'pat-platform',
    ]);
    expect(readPersonaNames(new ConfigReader({}))).toEqual([]);
  });

  it('signs in the listed catalog user the header names', async () => {
    process.env.NODE_ENV = 'development';
    const authenticator = createPersonaAuthenticator(config());
    const { result } = await authenticator.authenticate(
      { req: requestWith({ [PERSONA_HEADER]: 'pat-platform' }) },
      undefined,
    );
    const signInWithCatalogUser = jest
      .fn()
      .mockResolvedValue({ token: 'backstage-token' });
    const signedIn = await signInAsPersona(readPersonaNames(config()))(
      { result, profile: {} },
      { signInWithCatalogUser } as any,
    );
    expect(signedIn).toEqual({ token: 'backstage-token' });
    expect(signInWithCatalogUser).toHaveBeenCalledWith({
      entityRef: { kind: 'User', namespace: 'default', name: 'pat-platform' },
    });
  });

  it('refuses a user who is not a persona, naming the ones that are', async () => {
    const signInWithCatalogUser = jest.fn();
    await expect(
      signInAsPersona(['olivia-orders'])(
        { result: { userName: 'mallory' }, profile: {} },
        { signInWithCatalogUser } as any,
      ),
    ).rejects.toThrow(
      new NotAllowedError(
        "'mallory' is not one of the demo personas (olivia-orders)",
      ),
    );
    expect(signInWithCatalogUser).not.toHaveBeenCalled();
  });

  it('asks for a persona when the header is missing', async () => {
    process.env.NODE_ENV = 'development';
    await expect(
      createPersonaAuthenticator(config()).authenticate(
        { req: requestWith({}) },
        undefined,
      ),
    ).rejects.toThrow(/Choose a persona/);
  });

  it('is refused outside development unless switched on explicitly', async () => {
    process.env.NODE_ENV = 'production';
    const req = requestWith({ [PERSONA_HEADER]: 'olivia-orders' });
    await expect(
      createPersonaAuthenticator(config()).authenticate({ req }, undefined),
    ).rejects.toThrow(/development only/);
    await expect(
      createPersonaAuthenticator(
        config({ dangerouslyAllowOutsideDevelopment: true }),
      ).authenticate({ req }, undefined),
    ).resolves.toEqual({
      result: { userName: 'olivia-orders', displayName: 'Olivia' },
    });
  });
});
