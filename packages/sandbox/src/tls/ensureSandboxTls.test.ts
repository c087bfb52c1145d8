import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { ensureSandboxTls } from './ensureSandboxTls';

async function tempDir() {
  return fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-tls-'));
}

async function getThroughTls(
  tls: { certPem: string; keyPem: string },
  ca: string,
  host: string,
) {
  const server = https.createServer(
    { cert: tls.certPem, key: tls.keyPem },
    (_q, r) => r.end('ok'),
  );
  await new Promise<void>(r => server.listen(0, '::', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve, reject) => {
      https
        .get({ host, port, ca, path: '/' }, res => {
          let body = '';
          res.on('data', d => (body += d));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('ensureSandboxTls', () => {
  it('creates a CA and a server certificate that clients trusting the CA accept', async () => {
    const dir = await tempDir();
    const tls = await ensureSandboxTls({ dir });
    expect(tls.caPath).toBe(path.join(dir, 'ca.pem'));
    expect(await fs.readFile(tls.caPath, 'utf8')).toBe(tls.caCertPem);
    const cert = new X509Certificate(tls.certPem);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('DNS:*.localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBeDefined();
    expect(await getThroughTls(tls, tls.caCertPem, 'localhost')).toBe('ok');
    expect(await getThroughTls(tls, tls.caCertPem, '127.0.0.1')).toBe('ok');
    expect(await getThroughTls(tls, tls.caCertPem, '::1')).toBe('ok');
  });

  it('reuses valid material and concurrent calls agree', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([
      ensureSandboxTls({ dir }),
      ensureSandboxTls({ dir }),
    ]);
    expect(a.certPem).toBe(b.certPem);
    const c = await ensureSandboxTls({ dir });
    expect(c.caCertPem).toBe(a.caCertPem);
    expect(c.certPem).toBe(a.certPem);
  });

  it('reissues the server certificate but keeps the CA when the server files are damaged', async () => {
    const dir = await tempDir();
    const a = await ensureSandboxTls({ dir });
    await fs.writeFile(path.join(dir, 'tls-cert.pem'), 'garbage');
    const b = await ensureSandboxTls({ dir });
    expect(b.caCertPem).toBe(a.caCertPem);
    expect(b.certPem).not.toBe(a.certPem);
    expect(await getThroughTls(b, a.caCertPem, 'localhost')).toBe('ok');
  });

  it('rejects clients that do not trust the CA', async () => {
    const dir = await tempDir();
    const other = await ensureSandboxTls({ dir: await tempDir() });
    const tls = await ensureSandboxTls({ dir });
    await expect(
      getThroughTls(tls, other.caCertPem, 'localhost'),
    ).rejects.toThrow();
  });
});
