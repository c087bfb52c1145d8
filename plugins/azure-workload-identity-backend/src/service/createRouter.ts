import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  accessRequestSchema,
  requestReadPermission,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessRequestService } from '../requests/AccessRequestService';
import { Revoker } from '../lifecycle/Revoker';
import { RequestDecisions } from '../requests/RequestDecisions';
import { authorizeBasic, userOf } from './authorizeBasic';
import { ClusterConfig } from '../config/readClusterConfig';
import { RequestChoicesReader } from '../clients/RequestChoicesReader';
import { addCatalogRoutes } from './catalogRoutes';
import { admitComponent } from './admitComponent';
import { GuardrailManifestSource } from '../guardrails/GuardrailSync';
import { addChainRoute } from './chainRoute';
import { addInventoryRoute } from './inventoryRoute';
import { addSelfCheckRoute } from './selfCheckRoute';
import { addGuardrailRoute } from './guardrailRoute';
import { SelfCheck } from '../selfCheck/RecentSelfCheck';
import { ChainService } from '../inspection/live/ChainService';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { addDecisionRoutes } from './decisionRoutes';
import { addRevokeRoute } from './revokeRoute';
import { parseInput } from './inputProblems';
import { listRequestsQuerySchema, requestIdParamsSchema } from './listQuery';
import { toHttpError } from './toHttpError';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  requests: AccessRequestService;
  decisions: RequestDecisions;
  /** Absent when provisioning is not configured: revoking answers 503. */
  revoker?: Revoker;
  approverGroup: string;
  /** The configured clusters, offered to the request form. */
  clusters?: ClusterConfig[];
  /** The resource types the form offers; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[];
  /** Namespaces and resources for the request form; absent answers 503. */
  choices?: RequestChoicesReader;
  /** Entities read as the caller, for the chain route. */
  catalog: CatalogService;
  /**
   * The plugin's own credentials, for callers that are services (a release pipeline with an
   * external access token): their access restrictions cannot be delegated to the catalog.
   */
  auth?: AuthService;
  /** Live chains; absent answers 503. */
  chains?: ChainService;
  /** What each cluster's guardrails should be; absent answers 503. */
  guardrails?: GuardrailManifestSource;
  /** The portal's check of its own rights; absent answers 503. */
  selfChecker?: SelfCheck;
}

/**
 * The plugin's HTTP API. Thin by design: each route parses its input, calls a service and maps
 * domain errors; the error handler of the backend turns @backstage/errors into 4xx bodies.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, requests, permissions } = options;

  // Requesters read their own requests; anyone else needs the read permission.
  const mayRead = async (req: express.Request, requestedBy?: string) => {
    const credentials = await httpAuth.credentials(req);
    const user = userOf(credentials);
    if (user && user === requestedBy) return;
    await authorizeBasic({
      permissions,
      credentials,
      permission: requestReadPermission,
      why: 'the permission policy lets you read only your own requests for Azure access',
    });
  };
  const router = Router();
  router.use(express.json());

  // Unauthenticated (see plugin.ts) so load balancers and the start script can probe it.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // A dry run: validates, reads live state and plans, and stores nothing.
  router.post('/plan', async (req, res) => {
    const spec = await admitComponent({
      spec: parseInput({
        schema: accessRequestSchema,
        input: req.body,
        what: 'access request',
      }),
      credentials: await httpAuth.credentials(req),
      catalog: options.catalog,
      permissions,
    });
    res.json({ plan: await requests.plan(spec) });
  });

  router.post('/requests', async (req, res) => {
    // A person asks for access; the scaffolder does so on their behalf with their token.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const spec = await admitComponent({
      spec: parseInput({
        schema: accessRequestSchema,
        input: req.body,
        what: 'access request',
      }),
      credentials,
      catalog: options.catalog,
      permissions,
    });

    const audit = await auditor.createEvent({
      eventId: 'request-create',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef: spec.entityRef, cluster: spec.cluster },
    });
    try {
      const { request, created } = await requests.create({
        spec,
        requestedBy: credentials.principal.userEntityRef,
      });
      await audit.success({
        meta: {
          requestId: request.id,
          status: request.status,
          planHash: request.planHash ?? null,
          created,
        },
      });
      // 201 for a new request; 200 with the identical open one when it was asked for before.
      res.status(created ? 201 : 200).json({ request });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/requests', async (req, res) => {
    const query = parseInput({
      schema: listRequestsQuerySchema,
      input: req.query,
      what: 'query',
    });
    await mayRead(req, query.requestedBy);
    res.json(await requests.list(query));
  });

  // One request, if the caller may read it.
  const readable = async (req: express.Request) => {
    const { id } = parseInput({
      schema: requestIdParamsSchema,
      input: req.params,
      what: 'request id',
    });
    const request = await requests.get(id);
    await mayRead(req, request.requestedBy);
    return request;
  };

  router.get('/requests/:id', async (req, res) => {
    res.json({ request: await readable(req) });
  });

  router.get('/requests/:id/events', async (req, res) => {
    res.json({ events: (await readable(req)).events });
  });

  addCatalogRoutes(router, {
    clusters: options.clusters ?? [],
    resourceTypes: options.resourceTypes,
    choices: options.choices,
    httpAuth,
    permissions,
  });
  addChainRoute(router, {
    httpAuth,
    auth: options.auth,
    catalog: options.catalog,
    chains: options.chains,
  });
  addInventoryRoute(router, {
    httpAuth,
    catalog: options.catalog,
    chains: options.chains,
  });
  addSelfCheckRoute(router, {
    httpAuth,
    permissions,
    selfChecker: options.selfChecker,
  });
  addGuardrailRoute(router, options);
  addDecisionRoutes(router, {
    httpAuth,
    permissions,
    auditor,
    decisions: options.decisions,
    approverGroup: options.approverGroup,
  });
  addRevokeRoute(router, {
    httpAuth,
    permissions,
    auditor,
    requests,
    revoker: options.revoker,
  });

  router.use(
    (
      error: unknown,
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => next(toHttpError(error)),
  );

  return router;
}
