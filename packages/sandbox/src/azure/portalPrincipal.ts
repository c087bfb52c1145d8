/**
 * The portal principal's object id. Stable across restarts, so the clusters' RBAC can bind it
 * as a User, the way AKS with Entra ID integration names a service principal: by object id.
 */
export const PORTAL_OBJECT_ID = '9a1b0c2d-0000-0000-0000-00000000beef';

/** The AKS AAD server application: the audience of Entra ID tokens for AKS clusters. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
