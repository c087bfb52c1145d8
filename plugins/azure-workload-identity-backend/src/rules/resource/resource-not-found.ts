import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { ENTITY_ANNOTATIONS } from '../../inspection/derive';

const sameResource = (ruleId: string) => ({
  ruleId,
  sameObject: true as const,
});

/** A target named by the request or the entity annotation does not exist (its GET answered 404). */
export const resourceNotFound: BindingRule = {
  id: 'resource-not-found',
  link: 'resource',
  scope: 'binding',
  reads: ['A6', 'O3', 'O4'],
  masks: [
    sameResource('ra-missing'),
    sameResource('ra-control-plane-only'),
    sameResource('kv-access-policy-mode-no-policy'),
    sameResource('kv-rbac-mode-policy-ignored'),
    sameResource('resource-network-blocked'),
    sameResource('resource-private-endpoint-unusable'),
    sameResource('request-drift'),
  ],
  severity: 'error',
  detects:
    "A resource the component uses (named by its request or the entity's resources annotation) does not exist any more: deleted or renamed.",
  fix: "Update or revoke the request so it no longer names the resource, or remove it from the entity's annotation.",
  evaluate({ unit }) {
    return unit.binding.targets
      .filter(t => t.resource.status === 'not-found')
      .map(t => {
        const parsed = parseResourceId(t.resourceId);
        const type = parsed?.resourceType ?? 'Resource';
        const name = parsed?.resourceName ?? t.resourceId;
        const requestId = unit.request?.id;
        const text =
          t.source === 'request' && requestId
            ? `Update or revoke request ${requestId} so it no longer names ${t.resourceId}.`
            : `Remove ${t.resourceId} from the entity annotation ${ENTITY_ANNOTATIONS.resources} of ${unit.snapshot.entityRef}.`;
        return findingOf(resourceNotFound, {
          severity: 'error',
          state: 'broken',
          message: `${type} ${name} does not exist any more (deleted or renamed); access to it cannot work.`,
          evidence: {
            expected: `${type}/${name} exists`,
            actual: '404 ResourceNotFound',
          },
          fix: { kind: 'action', text, owner: 'component' },
          ref: refs.azure(t.resourceId, 'Resource'),
        });
      });
  },
};
