/**
 * The portal's own Azure principal: an application that signs in with a client secret.
 * Ids are stable across restarts, so the clusters' RBAC can bind it as a User, the way
 * AKS with Entra ID integration names a service principal: by object id.
 */
export const PORTAL_AZURE_PRINCIPAL = {
  clientId: '9a1b0c2d-0000-0000-0000-00000000c1d0',
  objectId: '9a1b0c2d-0000-0000-0000-00000000beef',
  displayName: 'backstage-portal',
} as const;
