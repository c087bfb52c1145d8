import { randomUUID } from 'node:crypto';
import { createRouter, header, HttpRequest, HttpResponse } from '../../http';
import { TwinContext } from '../context';
import { authorizeDataAction, findByName, Service } from './dataplaneAuth';
import { denied as storageDenied } from './blob';

interface Broker {
  service: Service;
  namespaceType: string;
  /** The data action prefix: `${prefix}/send/action`, `${prefix}/receive/action`. */
  actionPrefix: string;
  /** Child collections an entity may live in. */
  entityTypes: string[];
}

const SERVICE_BUS: Broker = {
  service: 'servicebus',
  namespaceType: 'Microsoft.ServiceBus/namespaces',
  actionPrefix: 'Microsoft.ServiceBus/namespaces/messages',
  entityTypes: ['queues', 'topics'],
};

const EVENT_HUBS: Broker = {
  service: 'eventhubs',
  namespaceType: 'Microsoft.EventHub/namespaces',
  actionPrefix: 'Microsoft.EventHub/namespaces/messages',
  entityTypes: ['eventhubs'],
};

/** Service Bus answers a missing claim with 401 and an XML detail naming it. */
function brokerError(status: number, detail: string): HttpResponse {
  const body = `<Error><Code>${status}</Code><Detail>${detail} TrackingId:${randomUUID()}, SystemTracker:sandbox, Timestamp:${new Date().toISOString()}</Detail></Error>`;
  return {
    status,
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    body,
  };
}

/**
 * Send and receive for Service Bus queues/topics and Event Hubs on
 * `/servicebus/{namespace}/{entity}/messages` (POST = send) and
 * `.../messages/head` (DELETE = receive and delete; topics receive from
 * `{topic}/subscriptions/{name}/messages/head`). Storage queues send on
 * `/queue/{account}/{queue}/messages`.
 */
export function createMessagingRoutes(ctx: TwinContext) {
  const router = createRouter();

  for (const [prefix, broker] of [
    ['servicebus', SERVICE_BUS],
    ['eventhubs', EVENT_HUBS],
  ] as const) {
    const locate = (req: HttpRequest, op: 'send' | 'receive') => {
      const ns = findByName(ctx, broker.namespaceType, req.params.ns);
      if (!ns)
        return {
          response: brokerError(
            404,
            `The messaging entity namespace '${req.params.ns}' could not be found.`,
          ),
        };
      const entity = broker.entityTypes
        .map(t => ctx.state.getResource(`${ns.id}/${t}/${req.params.entity}`))
        .find(Boolean);
      const entityUri = `sb://${ns.name}.servicebus.windows.net/${req.params.entity}`;
      const scope =
        entity?.id ?? `${ns.id}/${broker.entityTypes[0]}/${req.params.entity}`;
      const decision = authorizeDataAction({
        ctx,
        req,
        service: broker.service,
        resource: ns,
        ruleSet: ctx.state.getResource(`${ns.id}/networkRuleSets/default`),
        action: `${broker.actionPrefix}/${op}/action`,
        scope,
      });
      if (decision.kind === 'unauthenticated')
        return {
          response: brokerError(
            401,
            `ExpiredToken: The token is invalid or missing. ${decision.detail}`,
          ),
        };
      if (decision.kind === 'network')
        return {
          response: brokerError(
            403,
            `Ip has been prevented to connect to the endpoint. Client address ${decision.ip}.`,
          ),
        };
      if (decision.kind === 'forbidden') {
        const claim = op === 'send' ? 'Send' : 'Listen';
        return {
          response: brokerError(
            401,
            `Unauthorized access. '${claim}' claim(s) are required to perform this operation. Resource: '${entityUri}'.`,
          ),
        };
      }
      if (!entity)
        return {
          response: brokerError(
            404,
            `The messaging entity '${entityUri}' could not be found.`,
          ),
        };
      return { entity };
    };

    router.post(`/${prefix}/:ns/:entity/messages`, req => {
      const found = locate(req, 'send');
      if (found.response) return found.response;
      const entity = found.entity!;
      const body = req.body.toString('utf8');
      const contentType = header(req, 'content-type');
      // A topic fans out to its subscriptions; a queue or hub keeps the message.
      const subs = entity.type.toLowerCase().endsWith('/topics')
        ? ctx.state.listResources(entity.id, `${entity.type}/subscriptions`)
        : [entity];
      for (const target of subs)
        ctx.state.enqueueMessage(target.id, { body, contentType });
      return { status: 201 };
    });

    const receive = (
      req: HttpRequest,
      queueId: (entityId: string) => string,
    ) => {
      const found = locate(req, 'receive');
      if (found.response) return found.response;
      const message = ctx.state.dequeueMessage(queueId(found.entity!.id));
      if (!message) return { status: 204 };
      return {
        status: 200,
        headers: {
          'content-type': message.contentType ?? 'text/plain',
          brokerproperties: JSON.stringify({
            MessageId: message.messageId,
            SequenceNumber: message.sequenceNumber,
            EnqueuedTimeUtc: new Date(message.enqueuedAt).toUTCString(),
          }),
        },
        body: message.body,
      };
    };
    router.delete(`/${prefix}/:ns/:entity/messages/head`, req =>
      receive(req, id => id),
    );
    router.delete(
      `/${prefix}/:ns/:entity/subscriptions/:sub/messages/head`,
      req => receive(req, id => `${id}/subscriptions/${req.params.sub}`),
    );
  }

  router.post('/queue/:account/:queue/messages', req => {
    const account = findByName(
      ctx,
      'Microsoft.Storage/storageAccounts',
      req.params.account,
    );
    if (!account)
      return brokerError(
        404,
        `The storage account '${req.params.account}' does not exist.`,
      );
    const queueId = `${account.id}/queueServices/default/queues/${req.params.queue}`;
    const decision = authorizeDataAction({
      ctx,
      req,
      service: 'storage',
      resource: account,
      action:
        'Microsoft.Storage/storageAccounts/queueServices/queues/messages/add/action',
      scope: queueId,
    });
    if (decision.kind !== 'ok')
      return storageDenied(
        decision,
        `https://${header(req, 'host')}`,
        ctx.state.tenantId,
      );
    if (!ctx.state.getResource(queueId))
      return brokerError(404, 'The specified queue does not exist.');
    const message = ctx.state.enqueueMessage(queueId, {
      body: req.body.toString('utf8'),
    });
    return {
      status: 201,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="utf-8"?><QueueMessagesList><QueueMessage><MessageId>${message.messageId}</MessageId></QueueMessage></QueueMessagesList>`,
    };
  });

  return router.handler;
}
