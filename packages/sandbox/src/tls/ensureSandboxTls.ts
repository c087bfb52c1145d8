import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * The names every sandbox server certificate must cover. A wildcard covers one label, so
 * Key Vault's per-vault hosts (`<vault>.vault.localhost`, as `<vault>.vault.azure.net`) need
 * their own.
 */
export const SANDBOX_TLS_HOSTS = [
  'localhost',
  '*.localhost',
  '*.vault.localhost',
] as const;
export const SANDBOX_TLS_IPS = ['127.0.0.1', '::1'] as const;

const CA_CERT = 'ca.pem';
const CA_KEY = 'ca-key.pem';
const SERVER_CERT = 'tls-cert.pem';
const SERVER_KEY = 'tls-key.pem';

const DAY_MS = 24 * 60 * 60 * 1000;
// Reissue a little before expiry so a long-running demo never hits the edge.
const RENEW_MARGIN_MS = 7 * DAY_MS;

export interface SandboxTls {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  caPath: string;
}

// Both halves of the sandbox call this at start, often in the same process at
// the same moment; one promise per directory keeps them from racing each other.
const inFlight = new Map<string, Promise<SandboxTls>>();

/**
 * Creates, or reuses when present and still valid, a local CA and a server
 * certificate for localhost, stored in `dir` (the repo's `.sandbox/`).
 *
 * The CA is kept across restarts whenever it is valid, so clients that already
 * trust `ca.pem` keep working even when the server certificate is reissued.
 */
export async function ensureSandboxTls(options: {
  dir: string;
}): Promise<SandboxTls> {
  const dir = path.resolve(options.dir);
  const existing = inFlight.get(dir);
  if (existing) return existing;
  const pending = ensure(dir).finally(() => inFlight.delete(dir));
  inFlight.set(dir, pending);
  return pending;
}

async function ensure(dir: string): Promise<SandboxTls> {
  await fs.mkdir(dir, { recursive: true });
  const caPath = path.join(dir, CA_CERT);
  const release = await acquireLock(path.join(dir, '.tls.lock'));
  try {
    let ca = await readPair(dir, CA_CERT, CA_KEY);
    if (!ca || !isValidCa(ca.certPem, ca.keyPem)) {
      ca = createCa();
      await writeAtomic(path.join(dir, CA_KEY), ca.keyPem, 0o600);
      await writeAtomic(caPath, ca.certPem, 0o644);
    }
    let server = await readPair(dir, SERVER_CERT, SERVER_KEY);
    if (!server || !isValidServer(server.certPem, server.keyPem, ca.certPem)) {
      server = createServerCert(ca);
      await writeAtomic(path.join(dir, SERVER_KEY), server.keyPem, 0o600);
      await writeAtomic(path.join(dir, SERVER_CERT), server.certPem, 0o644);
    }
    return {
      caCertPem: ca.certPem,
      certPem: server.certPem,
      keyPem: server.keyPem,
      caPath,
    };
  } finally {
    await release();
  }
}

interface Pair {
  certPem: string;
  keyPem: string;
}

async function readPair(
  dir: string,
  certFile: string,
  keyFile: string,
): Promise<Pair | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([
      fs.readFile(path.join(dir, certFile), 'utf8'),
      fs.readFile(path.join(dir, keyFile), 'utf8'),
    ]);
    return { certPem, keyPem };
  } catch {
    return undefined;
  }
}

function stillFresh(cert: X509Certificate): boolean {
  const now = Date.now();
  return (
    new Date(cert.validFrom).getTime() <= now &&
    new Date(cert.validTo).getTime() - RENEW_MARGIN_MS > now
  );
}

function isValidCa(certPem: string, keyPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return (
      cert.ca &&
      stillFresh(cert) &&
      cert.checkPrivateKey(createPrivateKey(keyPem))
    );
  } catch {
    return false;
  }
}

function isValidServer(
  certPem: string,
  keyPem: string,
  caPem: string,
): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    if (
      !stillFresh(cert) ||
      !cert.checkIssued(ca) ||
      !cert.verify(ca.publicKey)
    )
      return false;
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return false;
    const san = cert.subjectAltName ?? '';
    const names = san.split(',').map(s => s.trim());
    return (
      SANDBOX_TLS_HOSTS.every(h => names.includes(`DNS:${h}`)) &&
      // Node prints IPv6 SANs fully expanded, so compare by checkIP instead of text.
      SANDBOX_TLS_IPS.every(ip => cert.checkIP(ip) !== undefined)
    );
  } catch {
    return false;
  }
}

// node:crypto makes the RSA key (native, fast); forge only lays out the
// certificate, which node:crypto cannot build.
function newKeyPair(): { keyPem: string; publicKey: forge.pki.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { keyPem, publicKey: forge.pki.publicKeyFromPem(publicPem) };
}

function serialNumber(): string {
  // Positive (top bit cleared) and unique, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function createCa(): Pair {
  const { keyPem, publicKey } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * DAY_MS);
  const subject = [
    { name: 'commonName', value: 'Azure Workload Identity Sandbox Local CA' },
    { name: 'organizationName', value: 'Backstage sandbox' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signWithNode(cert, keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

function createServerCert(ca: Pair): Pair {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const { keyPem, publicKey } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  // Under the 398 days clients accept for leaf certificates.
  cert.validity.notAfter = new Date(Date.now() + 397 * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...SANDBOX_TLS_HOSTS.map(value => ({ type: 2, value })),
        ...SANDBOX_TLS_IPS.map(ip => ({ type: 7, ip })),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  signWithNode(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

// forge's own RSA signing is pure JS and takes about a second under Jest;
// node:crypto signs the same TBSCertificate natively.
function signWithNode(cert: forge.pki.Certificate, signerKeyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = oid;
  (
    cert as unknown as { siginfo: { algorithmOid: string } }
  ).siginfo.algorithmOid = oid;
  // getTBSCertificate exists in forge but is missing from its typings.
  const tbs = (
    forge.pki as unknown as {
      getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
    }
  ).getTBSCertificate(cert);
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  cert.signature = sign('sha256', der, signerKeyPem).toString('binary');
}

async function writeAtomic(
  file: string,
  content: string,
  mode: number,
): Promise<void> {
  // Write then rename, so a reader never sees half a PEM.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, content, { mode });
  await fs.rename(tmp, file);
}

// A lock file guards against two processes (the portal and `npm run sandbox`)
// generating different CAs into the same folder at the same moment.
async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.close();
      return async () => {
        await fs.rm(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() > deadline || (await isStale(lockPath))) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const stat = await fs.stat(lockPath);
    return Date.now() - stat.mtimeMs > 15_000;
  } catch {
    return false;
  }
}
