import { ClientSecretCredential } from '@azure/identity';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { AzureTwinOptions } from '../azureTwin';
import { RealismOptions } from '../faults/realism';
import { Sandbox, startSandbox } from '../../startSandbox';

/** Realism for tests: every delay a few ms, so suites stay fast and deterministic. */
export const FAST_REALISM: Partial<RealismOptions> = {
  latencyMs: 0,
  principalReplicationDelayMs: 0,
  ficPropagationDelayMs: 0,
  ficWriteDurationMs: 0,
  pageSize: 100,
  throttle: undefined,
};

export interface TestSandbox {
  sandbox: Sandbox;
  url: string;
  caPem: string;
  /** Client options every SDK client and credential takes: trust the sandbox CA without NODE_EXTRA_CA_CERTS. */
  clientOptions: {
    tlsOptions: { ca: string };
    retryOptions?: { maxRetries?: number };
  };
  /** Signs in as the portal principal, like EnvironmentCredential with `.sandbox/azure.env`. */
  credential: ClientSecretCredential;
  subscriptionId: string;
  tenantId: string;
  /** Calls the admin endpoint. */
  admin(
    method: string,
    subPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** Starts a sandbox on an ephemeral port in a fresh temporary `.sandbox/`. */
export async function startTestSandbox(
  options: Omit<AzureTwinOptions, 'dir'> = {},
): Promise<TestSandbox> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-azure-'));
  const sandbox = await startSandbox({
    dir,
    azure: {
      port: 0,
      persist: false,
      ...options,
      realism: { ...FAST_REALISM, ...options.realism },
    },
  });
  const url = sandbox.azure.url;
  const caPem = sandbox.tls.caCertPem;
  const clientOptions = { tlsOptions: { ca: caPem } };
  const { twin } = sandbox.azure;
  const credential = new ClientSecretCredential(
    twin.tenantId,
    twin.portal.clientId,
    twin.portal.clientSecret,
    {
      authorityHost: url,
      disableInstanceDiscovery: true,
      ...clientOptions,
    },
  );
  return {
    sandbox,
    url,
    caPem,
    clientOptions,
    credential,
    subscriptionId: twin.subscriptionId,
    tenantId: twin.tenantId,
    admin: (method, subPath, body) =>
      request(
        url,
        caPem,
        method,
        `/admin${subPath}`,
        body,
        sandbox.azure.adminToken,
      ),
    stop: async () => {
      await sandbox.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTPS call (curl-like) for wire-level assertions the SDKs hide. */
export async function request(
  base: string,
  caPem: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  bearer?: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: any;
  headers: Record<string, string>;
  text: string;
}> {
  const url = new URL(pathAndQuery, base);
  let payload: Buffer | undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body))
    payload = Buffer.from(body);
  else if (body !== undefined) payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: caPem,
        headers: {
          ...(payload && typeof body === 'object' && !Buffer.isBuffer(body)
            ? { 'content-type': 'application/json' }
            : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          resolve({
            status: res.statusCode ?? 0,
            body: parsed,
            headers: res.headers as Record<string, string>,
            text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
