import { baselineRequest } from '../__testUtils__/baselineBinding';
import { W } from '../__testUtils__/world';
import { ManagedIdentity } from '../azureTypes';
import { ENTITY_ANNOTATIONS } from '../derive';
import { Pod, Workload } from '../kubernetesTypes';
import { Read } from '../reads';
import { RequestRecordFacts } from '../snapshot';
import {
  identityToRead,
  requestOf,
  targetsToRead,
  workloadIdentityOf,
} from './bindingSubject';

const OTHER_CLIENT = '99999999-0000-0000-0000-000000000009';

function workload(spec: Workload['template']['spec']): Read<Workload> {
  return {
    status: 'ok',
    value: {
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'orders' },
      template: { metadata: {}, spec },
    },
  };
}

const serviceAccounts = {
  status: 'ok' as const,
  value: [
    {
      metadata: {
        name: 'orders-api',
        namespace: 'orders',
        annotations: {
          'azure.workload.identity/client-id': ` ${W.clientId} `,
          'azure.workload.identity/tenant-id': W.tenant,
        },
      },
    },
  ],
};

const noPods: Read<Pod[]> = { status: 'ok', value: [] };

describe('the subject of a binding', () => {
  it("takes the namespace's standing request before an older one that failed, and no other namespace's", () => {
    const failed: RequestRecordFacts = {
      ...baselineRequest(),
      id: 'req-0',
      status: 'failed',
    };
    const active = baselineRequest();
    const elsewhere = { ...baselineRequest(), id: 'req-9', namespace: 'x' };
    expect(requestOf([failed, elsewhere, active], 'orders')?.id).toBe('req-1');
    expect(requestOf([failed], 'orders')?.id).toBe('req-0');
    expect(requestOf([elsewhere], 'orders')).toBeUndefined();
  });

  it("reads the client id and tenant from the service account's annotations, trimmed", () => {
    expect(
      workloadIdentityOf({
        workload: workload({
          serviceAccountName: 'orders-api',
          containers: [{ name: 'app' }],
        }),
        pods: noPods,
        serviceAccounts,
        annotations: {},
      }),
    ).toEqual({
      serviceAccountName: 'orders-api',
      clientId: W.clientId,
      tenantId: W.tenant,
    });
  });

  it("prefers the main container's own environment, the container the component names", () => {
    const subject = workloadIdentityOf({
      workload: workload({
        serviceAccountName: 'orders-api',
        containers: [
          { name: 'sidecar', env: [{ name: 'AZURE_CLIENT_ID', value: 'x' }] },
          {
            name: 'app',
            env: [{ name: 'AZURE_CLIENT_ID', value: OTHER_CLIENT }],
          },
        ],
      }),
      pods: noPods,
      serviceAccounts,
      annotations: { [ENTITY_ANNOTATIONS.container]: 'app' },
    });
    expect([subject.clientId, subject.tenantId]).toEqual([
      OTHER_CLIENT,
      W.tenant,
    ]);
  });

  it('runs as what a running pod runs as, else the template, else the request, else default', () => {
    const pod = (serviceAccountName: string): Read<Pod[]> => ({
      status: 'ok',
      value: [
        {
          metadata: { name: 'p', namespace: 'orders' },
          spec: { serviceAccountName, containers: [] },
        },
      ],
    });
    const of = (input: {
      pods?: Read<Pod[]>;
      template?: string;
      request?: boolean;
    }) =>
      workloadIdentityOf({
        workload: input.template
          ? workload({ serviceAccountName: input.template, containers: [] })
          : { status: 'not-found', reason: 'none' },
        pods: input.pods ?? noPods,
        serviceAccounts,
        request: input.request ? baselineRequest() : undefined,
        annotations: {},
      }).serviceAccountName;
    expect([
      of({ pods: pod('running'), template: 'templated', request: true }),
      of({ template: 'templated', request: true }),
      of({ request: true }),
      of({}),
    ]).toEqual(['running', 'templated', 'orders-api', 'default']);
  });

  it('asks after the recorded identity only when the identity could not be read, not when it is gone', () => {
    const request = baselineRequest();
    const found: Read<ManagedIdentity> = {
      status: 'ok',
      value: {
        id: 'listed-id',
        name: 'wi-orders',
        properties: {
          clientId: W.clientId,
          principalId: 'listed-principal',
          tenantId: W.tenant,
        },
      },
    };
    expect([
      identityToRead(found, request),
      identityToRead({ status: 'forbidden', reason: 'denied' }, request),
      identityToRead({ status: 'not-found', reason: 'gone' }, request),
      identityToRead({ status: 'unreachable', reason: 'down' }, undefined),
    ]).toEqual([
      { identityId: 'listed-id', principalId: 'listed-principal' },
      { identityId: W.identityId, principalId: W.principalId },
      { identityId: undefined, principalId: undefined },
      { identityId: undefined, principalId: undefined },
    ]);
  });

  it("reads the standing requests' targets, then the annotation's, each once", () => {
    const pending: RequestRecordFacts = {
      ...baselineRequest(),
      id: 'req-2',
      status: 'pending',
      targets: [{ resourceId: '/pending/target', intent: 'write' }],
    };
    const targets = targetsToRead({
      records: [baselineRequest(), pending, baselineRequest()],
      namespace: 'orders',
      annotations: {
        [ENTITY_ANNOTATIONS.resources]: ` ${W.storageId}, /annotated/only ,`,
      },
    });
    expect(targets).toEqual([
      { resourceId: W.storageId, intent: 'read', source: 'request' },
      { resourceId: W.vaultId, intent: 'read', source: 'request' },
      { resourceId: W.storageId, intent: 'read', source: 'annotation' },
      { resourceId: '/annotated/only', intent: 'read', source: 'annotation' },
    ]);
  });
});
