import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { identityAssignments, roleName } from './assignments';

const MINUTE_MS = 60 * 1000;

/** A role granted moments ago: Azure may deny calls until it has propagated. */
export const raPropagationPending: BindingRule = {
  id: 'ra-propagation-pending',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A4', 'O3'],
  masks: [],
  severity: 'info',
  detects:
    'A role assignment of the identity was created moments ago (within `healthRules.rbacPropagationMinutes`, default 10; 12 hours at a management group), so Azure may deny calls until it has propagated.',
  fix: 'Nothing to do: refresh after the time the finding names.',
  evaluate({ unit, config, now }) {
    return identityAssignments(unit).flatMap(assignment => {
      const createdOn = assignment.properties.createdOn;
      if (!createdOn) return [];
      const managementGroup = /managementGroups/i.test(
        assignment.properties.scope,
      );
      const windowMs = managementGroup
        ? 12 * 60 * MINUTE_MS
        : config.rbacPropagationMinutes * MINUTE_MS;
      const age = now.getTime() - Date.parse(createdOn);
      if (age < 0 || age >= windowMs) return [];
      const minutes = Math.floor(age / MINUTE_MS);
      const until = new Date(Date.parse(createdOn) + windowMs)
        .toISOString()
        .slice(11, 16);
      const role = roleName(unit, assignment);
      const scope = assignment.properties.scope.split('/').pop();
      const group =
        assignment.properties.principalType === 'Group'
          ? ' Access through an Entra group can take about 24 hours to reach a managed identity token.'
          : '';
      return [
        findingOf(raPropagationPending, {
          severity: 'info',
          state: 'pending',
          message: `${role} on ${scope} was granted ${minutes} minutes ago; Azure can take up to ${
            managementGroup
              ? '12 hours'
              : `${config.rbacPropagationMinutes} minutes`
          } to apply it. Calls may be denied until about ${until} UTC.${group}`,
          evidence: {
            expected: 'assignment effective',
            actual: `created ${minutes} min ago`,
          },
          fix: {
            kind: 'none',
            text: `Nothing to do; refresh after ${until} UTC.`,
            owner: 'component',
          },
          ref: refs.azure(assignment.id, 'RoleAssignment'),
        }),
      ];
    });
  },
};
