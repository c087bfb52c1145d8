import { DiscoveryService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { chainView, workload } from '../__testUtils__/chains';
import {
  plan,
  readsToActive,
  REQUEST_ID,
  STORAGE,
} from '../__testUtils__/requests';
import { AzureWorkloadIdentityApiClient } from './AzureWorkloadIdentityApiClient';
import { AzureWorkloadIdentityApiError } from './AzureWorkloadIdentityApiError';

const spec = {
  entityRef: 'component:default/orders-api',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  resources: [{ resourceId: STORAGE, intent: 'read' as const }],
};
const TOKEN = 'token-of-olivia';
const PREFIX = '/api/azure-workload-identity';

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

// Error bodies exactly as Backstage's error middleware writes them.
function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: Error,
) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(
    JSON.stringify({
      error: serializeError(error),
      request: { method: req.method, url: req.url },
      response: { statusCode: status },
    }),
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Answers like the backend plugin: the routes it has, and a bare 404 for any other. */
async function backend(
  req: IncomingMessage,
  res: ServerResponse,
  received: Received[],
) {
  let text = '';
  for await (const chunk of req) text += chunk;
  const body = text ? JSON.parse(text) : undefined;
  received.push({
    method: req.method,
    url: req.url,
    authorization: req.headers.authorization,
    contentType: req.headers['content-type'],
    body,
  });
  const route = `${req.method} ${req.url}`;
  const active = readsToActive()[3];

  if (route === `POST ${PREFIX}/plan`) {
    sendJson(res, 200, { plan });
  } else if (route === `POST ${PREFIX}/requests`) {
    if (body.namespace !== spec.namespace) {
      const problems = [
        {
          field: 'namespace',
          message:
            'use a Kubernetes namespace name: lower case letters, digits and -',
        },
      ];
      const error = new InputError(
        `invalid access request: ${problems
          .map(p => `${p.field}: ${p.message}`)
          .join('; ')}`,
      );
      sendError(req, res, 400, Object.assign(error, { problems }));
    } else {
      sendJson(res, 201, { request: { ...active, status: 'approved' } });
    }
  } else if (route === `GET ${PREFIX}/requests/${REQUEST_ID}`) {
    sendJson(res, 200, { request: active });
  } else if (route.startsWith(`GET ${PREFIX}/requests/`)) {
    const id = decodeURIComponent(req.url!.split('/').pop()!);
    sendError(req, res, 404, new NotFoundError(`no request with id '${id}'`));
  } else if (route === `GET ${PREFIX}/chain/component/default/orders-api`) {
    sendJson(res, 200, { ...chainView([workload()]), fromCache: false });
  } else if (route === `GET ${PREFIX}/chain/component/default/uninspected`) {
    sendError(
      req,
      res,
      503,
      new ServiceUnavailableError(
        'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      ),
    );
  } else if (req.url!.startsWith('/api/busy/')) {
    // A proxy in front of a backend that is restarting.
    res.writeHead(503).end('Service Unavailable');
  } else if (req.url!.startsWith('/api/other/')) {
    // Something else on the path, answering JSON of its own.
    sendJson(res, 200, { hello: 'world' });
  } else {
    // The root router's answer when no plugin route matched: a 404 with no body.
    res.writeHead(404).end();
  }
}

describe('AzureWorkloadIdentityApiClient', () => {
  let server: Server;
  let received: Received[];
  let client: AzureWorkloadIdentityApiClient;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      backend(req, res, received).catch(error =>
        res.writeHead(500).end(String(error)),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}${PREFIX}`;
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  function clientAt(url: string) {
    const discovery: DiscoveryService = {
      getBaseUrl: async () => url,
      getExternalBaseUrl: async () => url,
    };
    return new AzureWorkloadIdentityApiClient({ discovery });
  }

  beforeEach(() => {
    received = [];
    client = clientAt(baseUrl);
  });

  it('plans with the user’s token and the request as JSON', async () => {
    await expect(client.plan({ spec, token: TOKEN })).resolves.toEqual(plan);
    expect(received).toEqual([
      {
        method: 'POST',
        url: `${PREFIX}/plan`,
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/json',
        body: spec,
      },
    ]);
  });

  it('creates a request and reads it back with its timeline', async () => {
    const created = await client.createRequest({ spec, token: TOKEN });
    expect(created).toMatchObject({ id: REQUEST_ID, status: 'approved' });

    const read = await client.getRequest({
      requestId: REQUEST_ID,
      token: TOKEN,
    });
    expect(read.status).toBe('active');
    expect(read.events.map(e => e.type)).toContain('apply-completed');
    expect(received.map(r => `${r.method} ${r.url}`)).toEqual([
      `POST ${PREFIX}/requests`,
      `GET ${PREFIX}/requests/${REQUEST_ID}`,
    ]);
  });

  it('reads a component’s live chain with the user’s token', async () => {
    const chain = await client.getChain({
      entityRef: 'component:default/orders-api',
      token: TOKEN,
    });
    expect(chain.bindings).toEqual([workload()]);
    expect(received).toEqual([
      {
        method: 'GET',
        url: `${PREFIX}/chain/component/default/orders-api`,
        authorization: `Bearer ${TOKEN}`,
        contentType: undefined,
        body: undefined,
      },
    ]);
  });

  it('reads a chain the backend cannot give as its reason', async () => {
    const error = await client
      .getChain({ entityRef: 'component:default/uninspected', token: TOKEN })
      .catch(e => e);
    expect(error).toBeInstanceOf(AzureWorkloadIdentityApiError);
    expect(error).toMatchObject({
      operation: 'GET /chain/:kind/:namespace/:name',
      status: 503,
      remoteName: 'ServiceUnavailableError',
      message:
        'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      transient: true,
    });
  });

  it('reads a 400 as the backend’s message and its problems', async () => {
    const error = await client
      .createRequest({ spec: { ...spec, namespace: 'Orders' }, token: TOKEN })
      .catch(e => e);

    expect(error).toBeInstanceOf(AzureWorkloadIdentityApiError);
    expect(error).toMatchObject({
      operation: 'POST /requests',
      status: 400,
      remoteName: 'InputError',
      message:
        'invalid access request: namespace: use a Kubernetes namespace name: lower case letters, digits and -',
      problems: [
        {
          field: 'namespace',
          message:
            'use a Kubernetes namespace name: lower case letters, digits and -',
        },
      ],
      routeMissing: false,
      transient: false,
    });
  });

  it('tells a missing request apart from a missing route', async () => {
    const unknown = await client
      .getRequest({ requestId: 'no/such id', token: TOKEN })
      .catch(e => e);
    expect(unknown).toMatchObject({
      status: 404,
      remoteName: 'NotFoundError',
      message: "no request with id 'no/such id'",
      routeMissing: false,
    });
    // The id is one path segment, whatever it holds.
    expect(received[0].url).toBe(`${PREFIX}/requests/no%2Fsuch%20id`);

    const revoke = await client
      .revokeRequest({ requestId: REQUEST_ID, token: TOKEN })
      .catch(e => e);
    expect(revoke).toMatchObject({
      operation: 'POST /requests/:id/revoke',
      status: 404,
      routeMissing: true,
    });
    expect(received[1]).toMatchObject({
      method: 'POST',
      url: `${PREFIX}/requests/${REQUEST_ID}/revoke`,
      authorization: `Bearer ${TOKEN}`,
    });
  });

  it('marks a backend that is down or overloaded as worth asking again', async () => {
    const busy = await clientAt(baseUrl.replace(PREFIX, '/api/busy'))
      .getRequest({ requestId: REQUEST_ID, token: TOKEN })
      .catch(e => e);
    expect(busy).toMatchObject({ status: 503, transient: true });

    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const down = await clientAt(`http://127.0.0.1:${port}${PREFIX}`)
      .getRequest({ requestId: REQUEST_ID, token: TOKEN })
      .catch(e => e);
    expect(down).toBeInstanceOf(AzureWorkloadIdentityApiError);
    expect(down.status).toBeUndefined();
    expect(down.transient).toBe(true);
    expect(down.message).toMatch(
      /^could not reach the Azure Workload Identity backend at http:\/\/127\.0\.0\.1:\d+\/api\/azure-workload-identity: .*ECONNREFUSED/,
    );
  });

  it('refuses an answer that is not what the backend sends', async () => {
    const other = clientAt(baseUrl.replace(PREFIX, '/api/other'));

    const error = await other.plan({ spec, token: TOKEN }).catch(e => e);
    expect(error).toBeInstanceOf(AzureWorkloadIdentityApiError);
    expect(error.message).toBe(
      'the Azure Workload Identity backend did not answer POST /plan with a plan; check that its version matches this scaffolder module',
    );
    expect(error.transient).toBe(false);
    await expect(
      other.getRequest({ requestId: REQUEST_ID, token: TOKEN }),
    ).rejects.toThrow('did not answer GET /requests/:id with a request');
    await expect(
      other.getChain({
        entityRef: 'component:default/orders-api',
        token: TOKEN,
      }),
    ).rejects.toThrow(
      'did not answer GET /chain/:kind/:namespace/:name with a chain',
    );
  });
});
