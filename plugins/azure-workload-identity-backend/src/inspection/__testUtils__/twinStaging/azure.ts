import { applySeed, BASELINE } from 'sandbox';
import { DemoSandbox } from '../../../clients/__testUtils__/startDemoSandbox';
import { W } from '../world';
import { DAY, Staging } from './types';
import { aksProd } from './kubernetes';

/** The baseline identity: the demo's orders-api on aks-prod. */
export function wiOrders(demo: DemoSandbox) {
  const identity = demo.sandbox.azure.twin.state.findIdentityByClientId(
    BASELINE.identity.clientId,
  );
  if (!identity) throw new Error('the demo world has no wi-orders');
  return identity;
}

/** Rewrites wi-orders' one federated credential, keeping its age (no propagation window). */
export function changeCredential(
  change: (fic: { issuer: string; subject: string; audiences: string[] }) => {
    issuer?: string;
    subject?: string;
    audiences?: string[];
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [fic] = state.listFederatedCredentials(identity);
    state.putFederatedCredential(identity, { ...fic, ...change(fic) });
  };
}

/** Grants wi-orders one more role on the storage account, a day ago. */
export function grantOnStorage(role: string): Staging {
  return demo => {
    applySeed(demo.sandbox.azure.twin.state, {
      roleAssignments: [
        {
          role,
          scope: W.storageId,
          principalId: wiOrders(demo).principalId,
          createdOn: new Date(Date.now() - 86_400_000).toISOString(),
        },
      ],
    });
  };
}

/** wi-orders' role assignments on the storage account. */
export function storageAssignments(demo: DemoSandbox) {
  const principalId = wiOrders(demo).principalId;
  return demo.sandbox.azure.twin.state
    .listRoleAssignments()
    .filter(
      ra =>
        ra.principalId === principalId &&
        ra.scope.toLowerCase() === W.storageId.toLowerCase(),
    );
}

/** aks-prod's managed cluster in ARM, changed. */
export function changeManagedCluster(
  change: (record: Record<string, any>) => void,
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const record = structuredClone(
      state.getManagedCluster(BASELINE.subscriptionId, 'rg-aks', 'aks-prod')!,
    ) as Record<string, any>;
    change(record);
    state.putManagedCluster(record as any);
  };
}

/** One more credential on wi-orders, written a day ago. */
export function addCredential(
  name: string,
  fic: (baseline: { issuer: string; subject: string }) => {
    issuer?: string;
    subject?: string;
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [baseline] = state.listFederatedCredentials(identity);
    state.putFederatedCredential(identity, {
      ...baseline,
      name,
      ...fic(baseline),
      updatedAt: Date.now() - DAY,
    });
  };
}

/** `count` more credentials for orders-api in namespaces orders-01…, which exist with the SA. */
export function moreNamespaces(count: number): Staging {
  return demo => {
    const cluster = aksProd(demo);
    for (let i = 1; i <= count; i++) {
      const ns = `orders-${String(i).padStart(2, '0')}`;
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'orders-api', namespace: ns },
      });
      addCredential(ns, () => ({
        subject: `system:serviceaccount:${ns}:orders-api`,
      }))(demo);
    }
  };
}

/** ARM refuses the portal a read, as without the permission for `action`. */
export function armDenies(
  demo: DemoSandbox,
  pathContains: string,
  action: string,
) {
  demo.sandbox.azure.twin.context.faults.add({
    match: { surface: 'arm', pathContains },
    status: 403,
    code: 'AuthorizationFailed',
    message: `The client 'backstage' does not have authorization to perform action '${action}'.`,
  });
}

/** ARM refuses the portal the identity's credential list, as without the read permission. */
export function hideCredentials(demo: DemoSandbox) {
  armDenies(
    demo,
    'federatedIdentityCredentials',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
  );
}

/** The credential was just written: Entra ID does not honour it for a while yet. */
export function justWritten(demo: DemoSandbox) {
  const { twin } = demo.sandbox.azure;
  twin.context.realism.ficPropagationDelayMs = 60_000;
  const identity = wiOrders(demo);
  const [fic] = twin.state.listFederatedCredentials(identity);
  twin.state.putFederatedCredential(identity, {
    ...fic,
    updatedAt: Date.now(),
  });
}

/** Replaces wi-orders' role on a target by another (at another scope, of another type...). */
export function replaceRole(
  scope: string,
  next?: {
    role: string;
    scope: string;
    principalType?: 'User' | 'ServicePrincipal';
    createdOn?: string;
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const principalId = wiOrders(demo).principalId;
    for (const ra of state.listRoleAssignments()) {
      if (
        ra.principalId === principalId &&
        ra.scope.toLowerCase() === scope.toLowerCase()
      ) {
        state.deleteRoleAssignment(ra.name);
      }
    }
    if (next) {
      applySeed(state, {
        roleAssignments: [
          {
            createdOn: new Date(Date.now() - DAY).toISOString(),
            ...next,
            principalId,
          },
        ],
      });
    }
  };
}

/** A target resource's ARM properties, changed. */
export function changeResource(
  id: string,
  change: (properties: Record<string, any>) => void,
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const resource = structuredClone(state.getResource(id)!);
    change(resource.properties as Record<string, any>);
    state.putResource(resource);
  };
}

/** Entra ID answers the token exchange with this error, as when something behind it fails. */
export function entraFails(code: string, description: string): Staging {
  return demo => {
    demo.sandbox.azure.twin.context.faults.add({
      match: { surface: 'entra', pathContains: '/oauth2/v2.0/token' },
      status: 400,
      code: 'invalid_request',
      message: `${code}: ${description}`,
    });
  };
}

export const ORDERS_BLOB_READER = 'c1c1c1c1-0000-0000-0000-00000000c1c1';

/**
 * wi-orders holds a custom role "Orders Blob Reader" on the storage account instead of the
 * built-in one, with these permissions; the request recorded the custom role.
 */
export function customRoleOnStorage(permissions: {
  actions?: string[];
  dataActions?: string[];
}): Staging {
  return demo => {
    const at = new Date(Date.now() - DAY).toISOString();
    demo.sandbox.azure.twin.state.putCustomRoleDefinition({
      id: ORDERS_BLOB_READER,
      roleName: 'Orders Blob Reader',
      type: 'CustomRole',
      description: 'Reads the orders blobs',
      assignableScopes: [W.rgApps],
      permissions: [
        {
          actions: permissions.actions ?? [],
          notActions: [],
          dataActions: permissions.dataActions ?? [],
          notDataActions: [],
        },
      ],
      createdOn: at,
      updatedOn: at,
    });
    replaceRole(W.storageId, { role: ORDERS_BLOB_READER, scope: W.storageId })(
      demo,
    );
    return {
      request: request => {
        request.roleAssignments[0].roleDefinitionId = `/subscriptions/${BASELINE.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ORDERS_BLOB_READER}`;
      },
    };
  };
}

/** A staging, with ARM then hiding wi-orders' credential list from the portal. */
export function hiddenFromPortal(staging: Staging): Staging {
  return demo => {
    staging(demo);
    hideCredentials(demo);
  };
}
