import { AzureState, identityId } from '../state/AzureState';
import { PrincipalRecord } from '../state/types';

/**
 * The twin's directory as Microsoft Graph v1.0 shows it. Every object comes from the
 * principals the state keeps: the portal's application and each managed identity (whose
 * directory object the identity writes when it is created) are service principals; seeded
 * users and groups are users and groups.
 */
export type GraphType = 'servicePrincipal' | 'user' | 'group';

export function graphTypeOf(p: PrincipalRecord): GraphType {
  if (p.kind === 'User') return 'user';
  if (p.kind === 'Group') return 'group';
  return 'servicePrincipal';
}

/** Every directory object, in a stable order (by object id). */
export function directoryObjects(state: AzureState): PrincipalRecord[] {
  // AzureState keeps its principals private; the snapshot is the one way to enumerate them.
  return state
    .toSnapshot()
    .principals.slice()
    .sort((a, b) => a.objectId.localeCompare(b.objectId));
}

/**
 * A servicePrincipal resource with the properties of Graph v1.0's JSON representation
 * (https://learn.microsoft.com/graph/api/resources/serviceprincipal?view=graph-rest-1.0).
 * A managed identity's service principal has type `ManagedIdentity`, its client id as appId
 * and sole servicePrincipalName, and its ARM id in alternativeNames (`isExplicit=True` for a
 * user-assigned identity), which is how Graph lets one find it by resource id. An application's
 * has type `Application`, is owned by the home tenant, and is single-tenant here.
 */
export function renderServicePrincipal(
  state: AzureState,
  p: PrincipalRecord,
): Record<string, unknown> {
  const appId = p.appId ?? p.objectId;
  const identity =
    p.kind === 'ManagedIdentity'
      ? state.findIdentityByClientId(appId)
      : undefined;
  const managed = p.kind === 'ManagedIdentity';
  return {
    id: p.objectId,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: identity ? ['isExplicit=True', identityId(identity)] : [],
    appDisplayName: managed ? null : p.displayName,
    appDescription: null,
    appId,
    applicationTemplateId: null,
    appOwnerOrganizationId: managed ? null : state.tenantId,
    appRoleAssignmentRequired: false,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: p.displayName,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    servicePrincipalNames: [appId],
    servicePrincipalType: managed ? 'ManagedIdentity' : 'Application',
    signInAudience: managed ? null : 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    samlSingleSignOnSettings: null,
    addIns: [],
    appRoles: [],
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: {
      displayName: null,
      verifiedPublisherId: null,
      addedDateTime: null,
    },
  };
}

/**
 * The default properties of a user and a group in v1.0
 * (https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0,
 * https://learn.microsoft.com/graph/api/resources/group?view=graph-rest-1.0). The twin keeps
 * a display name only, so the rest is null.
 */
function renderUser(p: PrincipalRecord): Record<string, unknown> {
  return {
    id: p.objectId,
    businessPhones: [],
    displayName: p.displayName,
    givenName: null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: null,
  };
}

function renderGroup(p: PrincipalRecord): Record<string, unknown> {
  return {
    id: p.objectId,
    deletedDateTime: null,
    description: null,
    displayName: p.displayName,
    groupTypes: [],
    mail: null,
    mailEnabled: false,
    mailNickname: p.displayName,
    securityEnabled: true,
  };
}

/** Any directory object, with `@odata.type` as collections of directoryObjects carry it. */
export function renderDirectoryObject(
  state: AzureState,
  p: PrincipalRecord,
): Record<string, unknown> {
  const type = graphTypeOf(p);
  const render = {
    servicePrincipal: () => renderServicePrincipal(state, p),
    user: () => renderUser(p),
    group: () => renderGroup(p),
  }[type];
  return { '@odata.type': `#microsoft.graph.${type}`, ...render() };
}
