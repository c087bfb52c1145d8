import {
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  RESOURCE_TYPE_AZURE_ACCESS_REQUEST,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * A request for Azure access as permission rules see it: who asked, and who owns the
 * component it is for (from the catalog, read when the rule is applied).
 *
 * @public
 */
export interface AccessRequestResource {
  /** The request's id, also its resource ref. */
  id: string;
  /** The user entity ref of the person who asked. */
  requestedBy: string;
  /** The component the access is for. */
  entityRef: string;
  /** The component's owners, as the catalog's `ownedBy` relations name them. */
  componentOwners: string[];
}

/**
 * The resource ref of requests for Azure access, for permission rules and policies.
 *
 * @public
 */
export const accessRequestResourceRef = createPermissionResourceRef<
  AccessRequestResource,
  never
>().with({
  pluginId: AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  resourceType: RESOURCE_TYPE_AZURE_ACCESS_REQUEST,
});

// Refs compare without regard to case, as the catalog compares them.
const anyOf = (claims: string[], refs: string[]) => {
  const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
  return refs.some(ref => wanted.has(ref.toLocaleLowerCase('en-US')));
};

/**
 * The parameters of the request rules: the person's claims, e.g. their user entity ref and
 * `user.info.ownershipEntityRefs`.
 *
 * @public
 */
export type AccessRequestRuleParams = { claims: string[] };

// Built with this package's zod 3; the permission framework takes zod 3 schemas at run time
// (and serialises them for the policy's metadata), but its types name its own zod copy, which
// TypeScript cannot compare with ours, hence the cast.
const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'The user entity ref and ownership refs of the person, e.g. user.info.ownershipEntityRefs',
    ),
}) as never;

/** The person who asked for the access. Like the catalog's isEntityOwner, it takes claims. */
const isRequester = createPermissionRule<
  typeof accessRequestResourceRef,
  AccessRequestRuleParams
>({
  name: 'IS_REQUESTER',
  description: 'Allow the person who made the request',
  resourceRef: accessRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => anyOf(claims, [resource.requestedBy]),
  toQuery: () => {
    throw new Error('requests are not filtered by permission rules');
  },
});

/** An owner of the component the request is for, e.g. a member of its team. */
const isComponentOwner = createPermissionRule<
  typeof accessRequestResourceRef,
  AccessRequestRuleParams
>({
  name: 'IS_COMPONENT_OWNER',
  description: 'Allow the owners of the component the request is for',
  resourceRef: accessRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => anyOf(claims, resource.componentOwners),
  toQuery: () => {
    throw new Error('requests are not filtered by permission rules');
  },
});

export const accessRequestRules = { isRequester, isComponentOwner };

// For permission policies: conditions on a request and the decision that wraps them, e.g.
// createAccessRequestConditionalDecision(permission, { anyOf: [
//   accessRequestConditions.isRequester({ claims }),
//   accessRequestConditions.isComponentOwner({ claims }) ] }).
const accessRequestConditionExports = createConditionExports({
  resourceRef: accessRequestResourceRef,
  rules: accessRequestRules,
});

/**
 * Conditions on a request for Azure access, for permission policies: `isRequester` and
 * `isComponentOwner`, each taking the person's claims.
 *
 * @public
 */
export const accessRequestConditions = accessRequestConditionExports.conditions;

/**
 * Wraps request conditions into a conditional decision of a permission policy.
 *
 * @public
 */
export const createAccessRequestConditionalDecision =
  accessRequestConditionExports.createConditionalDecision;
