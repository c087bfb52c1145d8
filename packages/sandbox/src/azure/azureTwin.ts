import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { chain, Handler } from '../http';
import { createArmHandler } from './arm/armHandler';
import { FicWriteGate } from './arm/ficWriteGate';
import { TwinContext } from './context';
import { createDataplaneHandler } from './dataplane';
import { AccessTokens } from './entra/accessTokens';
import { createEntraRoutes } from './entra/entraRoutes';
import { createIssuerKeyFetcher, IssuerKeyFetcher } from './entra/issuerKeys';
import { loadOrCreateSigningKey } from './entra/signingKey';
import { withRealism } from './faults/applyRealism';
import { createGraphHandler } from './graph/graphHandler';
import { FaultInjector } from './faults/faults';
import { RealismOptions, resolveRealism } from './faults/realism';
import { Throttle } from './faults/throttle';
import { subscriptionScope } from './ids';
import { Rbac } from './rbac/rbac';
import { ROLE_IDS } from './rbac/builtinRoles';
import { applySeed, AzureSeed } from './seed/applySeed';
import { BASELINE } from './seed/baseline';
import { AzureState } from './state/AzureState';
import { persistSnapshots, readSnapshot } from './state/snapshotFile';

/** The principal the portal itself signs in as (client credentials with a secret). */
export interface PortalPrincipal {
  clientId: string;
  objectId: string;
  clientSecret: string;
}

/** Who the application under test is in the directory; its secret is made per sandbox folder. */
export interface PortalIdentity {
  clientId: string;
  objectId: string;
  displayName: string;
}

/** The application principal when no preset names one. */
export const DEFAULT_PORTAL_IDENTITY: PortalIdentity = {
  clientId: '5a4db0c5-0000-0000-0000-00000000c1d0',
  objectId: '5a4db0c5-0000-0000-0000-0000000000b1',
  displayName: 'sandbox-client',
};

export interface AzureTwinOptions {
  /** Folder for the signing key, the portal secret and the snapshot (the repo's `.sandbox/`). */
  dir?: string;
  tenantId?: string;
  subscriptionId?: string;
  realism?: Partial<RealismOptions>;
  /** Extra CA trusted when fetching OIDC issuers (the sandbox CA). */
  caPem?: string;
  /** Replaces the HTTPS issuer fetch (tests of the Entra logic alone). */
  fetchIssuerKeys?: IssuerKeyFetcher;
  now?: () => number;
  /**
   * The world after start and after every reset. Default: the portal principal
   * with Owner on the subscription and nothing else.
   */
  seed?: AzureSeed | ((state: AzureState) => void);
  /**
   * Role assignments of the portal principal created at every (re)seed, by role
   * name or GUID. Default: Owner on the subscription. `[]` = no access at all.
   */
  portalRoles?: Array<{ role: string; scope: string }>;
  /** Keep the state in `<dir>/azure-state.json` across restarts. */
  persist?: boolean;
  /**
   * Names the seeded world. A saved state written under another name is left unread and the
   * twin starts from the seed, so a changed seed (a new issuer, other ids) never meets the
   * state an older one left on disk.
   */
  seedLabel?: string;
  /** The application principal (e.g. the portal's, from its preset). Default: `sandbox-client`. */
  portal?: PortalIdentity;
}

export interface AzureTwin {
  handler: Handler;
  state: AzureState;
  context: TwinContext;
  portal: PortalPrincipal;
  tenantId: string;
  subscriptionId: string;
  /** Empties the state and applies the seed again (the admin reset). */
  reset(): void;
  /** Writes any pending snapshot. */
  flush(): Promise<void>;
}

/** Builds the Azure half: state, RBAC, Entra, ARM, data plane. No socket: startSandbox serves it. */
export async function createAzureTwin(
  options: AzureTwinOptions = {},
): Promise<AzureTwin> {
  const tenantId = options.tenantId ?? BASELINE.tenantId;
  const subscriptionId = options.subscriptionId ?? BASELINE.subscriptionId;
  const now = options.now ?? Date.now;
  const state = new AzureState({
    tenantId,
    otherTenantIds: [BASELINE.otherTenantId],
    subscriptionIds: [subscriptionId],
    now,
  });
  const key = await loadOrCreateSigningKey(options.dir);
  const identity = options.portal ?? DEFAULT_PORTAL_IDENTITY;
  const portal: PortalPrincipal = {
    clientId: identity.clientId,
    objectId: identity.objectId,
    clientSecret: await loadOrCreatePortalSecret(options.dir),
  };
  const realism = resolveRealism(options.realism);
  const ctx: TwinContext = {
    state,
    rbac: new Rbac(state),
    tokens: new AccessTokens(key, tenantId, now),
    realism,
    faults: new FaultInjector(),
    throttle: new Throttle(realism.throttle, now),
    fetchIssuerKeys:
      options.fetchIssuerKeys ??
      createIssuerKeyFetcher({ caPem: options.caPem }),
    ficWriteGate: new FicWriteGate(),
    now,
  };

  const seedNow = () => {
    state.clear();
    state.putPrincipal({
      objectId: portal.objectId,
      appId: portal.clientId,
      displayName: identity.displayName,
      kind: 'Application',
      secrets: [portal.clientSecret],
      createdAt: 0,
    });
    const roles = options.portalRoles ?? [
      { role: ROLE_IDS.owner, scope: subscriptionScope(subscriptionId) },
    ];
    applySeed(state, {
      roleAssignments: roles.map(r => ({
        ...r,
        principalId: portal.objectId,
        description: 'The portal principal of the sandbox',
      })),
    });
    if (typeof options.seed === 'function') options.seed(state);
    else if (options.seed) applySeed(state, options.seed);
  };

  const snapshotFile =
    options.persist && options.dir
      ? path.join(options.dir, 'azure-state.json')
      : undefined;
  const saved = snapshotFile
    ? await readSnapshot(snapshotFile, options.seedLabel)
    : undefined;
  if (saved) state.loadSnapshot(saved);
  else seedNow();
  const persisted = snapshotFile
    ? persistSnapshots(state, snapshotFile, { seedLabel: options.seedLabel })
    : undefined;
  // Save the freshly seeded world at once, so the file exists from the first start.
  if (persisted && !saved) await persisted.saveNow();

  const entra = withRealism(ctx, 'entra', createEntraRoutes(ctx, key));
  return {
    handler: chain(
      createArmHandler(ctx),
      createDataplaneHandler(ctx),
      createGraphHandler(ctx),
      entra,
    ),
    state,
    context: ctx,
    portal,
    tenantId,
    subscriptionId,
    reset: seedNow,
    flush: async () => persisted?.flush(),
  };
}

/** A secret per sandbox folder, so `.sandbox/azure.env` stays valid across restarts. */
async function loadOrCreatePortalSecret(
  dir: string | undefined,
): Promise<string> {
  const fresh = () => `sbx~${randomBytes(24).toString('base64url')}`;
  if (!dir) return fresh();
  const file = path.join(dir, 'portal-client-secret');
  const existing = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (existing) return existing;
  const secret = fresh();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
