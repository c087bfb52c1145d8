import {
  DAY,
  aksProd,
  annotateServiceAccount,
  wiOrders,
} from '../twinStaging';
import { applySeed, BASELINE } from 'sandbox';
import { ENTITY_ANNOTATIONS } from '../../derive';
import {
  binding,
  cluster,
  ok,
  probeFails,
  serviceAccount,
  workload,
} from '../access';
import { W } from '../world';
import { assignmentOf } from './roleassignment';
import { ScenarioTable } from './types';

const NEW_CLIENT = '7a7a7a7a-0000-0000-0000-0000000000c2';
const NEW_PRINCIPAL = '7b7b7b7b-0000-0000-0000-0000000000d2';

/** The identity scenarios, each one change to the baseline. */
export const identityScenarios: ScenarioTable = {
  // wi-orders deleted: its FIC went with it, its role assignments stay behind.
  'identity-deleted': {
    snapshot: s => {
      for (const sub of s.identityInventory)
        sub.identities = { status: 'ok', value: [] };
      const b = binding(s);
      b.identity = { status: 'not-found', reason: 'ResourceNotFound' };
      b.federatedCredentials = {
        status: 'not-found',
        reason: 'no identity to read',
      };
      b.roleAssignments = {
        status: 'not-found',
        reason: 'no identity to read',
      };
      probeFails(
        s,
        'AADSTS700016',
        `Application with identifier '${W.clientId}' was not found in the directory '${W.tenant}'.`,
      );
    },
    twin: demo => {
      const identity = wiOrders(demo);
      demo.sandbox.azure.twin.state.deleteIdentity(
        identity.subscriptionId,
        identity.resourceGroup,
        identity.name,
      );
    },
  },
  // Deleted and created again under the same name: new ids, no FIC, old grants orphaned.
  'identity-recreated-same-name': {
    snapshot: s => {
      const recreated = {
        id: W.identityId,
        name: 'wi-orders',
        properties: {
          clientId: NEW_CLIENT,
          principalId: NEW_PRINCIPAL,
          tenantId: W.tenant,
        },
      };
      for (const sub of s.identityInventory)
        sub.identities = { status: 'ok', value: [recreated] };
      const b = binding(s);
      b.identity = { status: 'ok', value: recreated };
      b.federatedCredentials = { status: 'ok', value: [] };
      b.roleAssignments = { status: 'ok', value: [] };
      probeFails(
        s,
        'AADSTS700016',
        `Application with identifier '${W.clientId}' was not found in the directory '${W.tenant}'.`,
      );
    },
    // Deleted and created again under the same name: new ids, no credential, old grants orphaned.
    twin: demo => {
      const { state } = demo.sandbox.azure.twin;
      const identity = wiOrders(demo);
      state.deleteIdentity(
        identity.subscriptionId,
        identity.resourceGroup,
        identity.name,
      );
      state.putManagedIdentity({
        subscriptionId: identity.subscriptionId,
        resourceGroup: identity.resourceGroup,
        name: identity.name,
        location: identity.location,
        clientId: '7a7a7a7a-0000-0000-0000-0000000000c2',
        principalId: '7b7b7b7b-0000-0000-0000-0000000000d2',
        createdAt: Date.now() - DAY,
      });
    },
  },
  // No request: the SA names the kubelet identity, which holds the data role and trusts S.
  'app-uses-kubelet-identity': {
    snapshot: s => {
      s.requests = { status: 'ok', value: [] };
      serviceAccount(s).metadata.annotations = {
        'azure.workload.identity/client-id': W.kubelet.clientId,
      };
      // The pods were created with that annotation in place.
      for (const pod of ok(binding(s).pods))
        for (const c of pod.spec.containers)
          for (const e of c.env ?? [])
            if (e.name === 'AZURE_CLIENT_ID') e.value = W.kubelet.clientId;
      const kubelet = {
        id: `/subscriptions/${W.sub}/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool`,
        name: 'aks-prod-agentpool',
        properties: {
          clientId: W.kubelet.clientId,
          principalId: W.kubelet.objectId,
          tenantId: W.tenant,
        },
      };
      ok(s.identityInventory[0].identities).push(kubelet);
      const b = binding(s);
      b.identity = { status: 'ok', value: kubelet };
      const kubeletGrant = assignmentOf(
        '55555555-aaaa-0000-0000-000000000001',
        'Storage Blob Data Reader',
        W.storageId,
        W.kubelet.objectId,
      );
      b.roleAssignments = { status: 'ok', value: [kubeletGrant] };
      ok(b.targets[0].assignmentsAtScope).push(kubeletGrant);
      b.targets = b.targets.slice(0, 1);
    },
    // No request: the service account names the cluster's kubelet identity, which was given
    // the data role and a credential for the service account by hand.
    twin: demo => {
      const { state } = demo.sandbox.azure.twin;
      state.putResourceGroup({
        subscriptionId: BASELINE.subscriptionId,
        name: 'MC_rg-aks_aks-prod_eastus',
        location: 'eastus',
      });
      const kubelet = state.putManagedIdentity({
        subscriptionId: BASELINE.subscriptionId,
        resourceGroup: 'MC_rg-aks_aks-prod_eastus',
        name: 'aks-prod-agentpool',
        clientId: W.kubelet.clientId,
        principalId: W.kubelet.objectId,
        createdAt: Date.now() - 90 * DAY,
      });
      const [baseline] = state.listFederatedCredentials(wiOrders(demo));
      state.putFederatedCredential(kubelet, {
        ...baseline,
        updatedAt: Date.now() - DAY,
      });
      applySeed(state, {
        roleAssignments: [
          {
            role: 'Storage Blob Data Reader',
            scope: W.storageId,
            principalId: W.kubelet.objectId,
            createdOn: new Date(Date.now() - DAY).toISOString(),
          },
        ],
      });
      annotateServiceAccount(
        'azure.workload.identity/client-id',
        W.kubelet.clientId,
        true,
      )(demo);
      // The team declares what the component uses, as there is no request to say so.
      return {
        noRequests: true,
        annotations: { [ENTITY_ANNOTATIONS.resources]: W.storageId },
      };
    },
  },
  // billing-worker (billing) and audit-exporter (audit) each federate their own SA on wi-orders.
  'identity-shared-3-components': {
    snapshot: s => {
      const others = [
        { ns: 'billing', name: 'billing-worker' },
        { ns: 'audit', name: 'audit-exporter' },
      ];
      const c = cluster(s);
      const b = binding(s);
      b.subjectWorkloads = {
        'aks-prod/orders': { status: 'ok', value: [workload(s)] },
      };
      for (const { ns, name } of others) {
        ok(c.namespaces).push({ metadata: { name: ns } });
        c.serviceAccounts[ns] = {
          status: 'ok',
          value: [
            {
              metadata: {
                name,
                namespace: ns,
                annotations: {
                  'azure.workload.identity/client-id': W.clientId,
                },
              },
            },
          ],
        };
        ok(b.federatedCredentials).push({
          id: `${W.identityId}/federatedIdentityCredentials/${name}`,
          name,
          properties: {
            issuer: W.issuer,
            subject: `system:serviceaccount:${ns}:${name}`,
            audiences: ['api://AzureADTokenExchange'],
          },
        });
        const other = structuredClone(workload(s));
        other.metadata = {
          name,
          namespace: ns,
          labels: { 'backstage.io/kubernetes-id': name },
        };
        other.template.spec.serviceAccountName = name;
        b.subjectWorkloads[`aks-prod/${ns}`] = { status: 'ok', value: [other] };
      }
    },
    // Two more components, in namespaces of their own, use wi-orders too.
    twin: demo => {
      const aks = aksProd(demo);
      const { state } = demo.sandbox.azure.twin;
      const identity = wiOrders(demo);
      const [baseline] = state.listFederatedCredentials(identity);
      const own = aks.get(
        aks.type('apps/v1', 'Deployment'),
        'orders',
        'orders-api',
      );
      for (const { ns, name } of [
        { ns: 'ledger', name: 'ledger-worker' },
        { ns: 'archive', name: 'archive-exporter' },
      ]) {
        aks.apply({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: ns },
        });
        aks.apply({
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: {
            name,
            namespace: ns,
            annotations: {
              'azure.workload.identity/client-id': identity.clientId,
            },
          },
        });
        state.putFederatedCredential(identity, {
          ...baseline,
          name,
          subject: `system:serviceaccount:${ns}:${name}`,
          updatedAt: Date.now() - DAY,
        });
        const other = structuredClone(own);
        other.metadata = {
          name,
          namespace: ns,
          labels: { 'backstage.io/kubernetes-id': name },
        };
        other.spec.selector = {
          matchLabels: { 'backstage.io/kubernetes-id': name },
        };
        other.spec.template.metadata.labels = {
          ...other.spec.template.metadata.labels,
          'backstage.io/kubernetes-id': name,
        };
        other.spec.template.spec.serviceAccountName = name;
        delete other.status;
        aks.apply(other);
      }
    },
  },
};
