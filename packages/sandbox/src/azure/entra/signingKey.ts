import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
} from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { jwkThumbprint } from './jwt';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

/**
 * The key the Entra twin signs access tokens with. Kept in the sandbox folder
 * so tokens a client cached stay valid across a restart of the twin.
 */
export async function loadOrCreateSigningKey(
  dir: string | undefined,
): Promise<SigningKey> {
  const file = dir ? path.join(dir, 'entra-signing-key.pem') : undefined;
  let pem: string | undefined;
  if (file) pem = await fs.readFile(file, 'utf8').catch(() => undefined);
  let privateKey: KeyObject | undefined;
  try {
    if (pem) privateKey = createPrivateKey(pem);
  } catch {
    privateKey = undefined;
  }
  if (!privateKey) {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    if (file) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(
        file,
        privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        { mode: 0o600 },
      );
    }
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: jwkThumbprint(publicKey) };
}
