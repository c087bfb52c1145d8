import { TargetSnapshot } from '../../inspection/snapshot';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { coversTarget, roleName } from './assignments';
import {
  identityAssignmentsOn,
  isAccessPolicyVault,
  requiredAccess,
  roleAssignmentCreate,
  roleOf,
} from './roleAccess';

// What the data action lets the workload do, in words for the message.
function doing(target: TargetSnapshot): string {
  const type = target.resourceId.toLowerCase();
  const write = ['write', 'manage'].includes(target.intent);
  if (type.includes('/microsoft.keyvault/'))
    return write ? 'writing secrets' : 'reading secrets';
  if (type.includes('/microsoft.storage/'))
    return write ? 'writing blobs' : 'reading blobs';
  if (/\/microsoft\.(servicebus|eventhub)\//.test(type))
    return target.intent === 'receive'
      ? 'receiving messages'
      : 'sending messages';
  return `${target.intent} access`;
}

/** The identity has roles on a target, but none grants the data action its intent needs. */
export const raControlPlaneOnly: BindingRule = {
  id: 'ra-control-plane-only',
  link: 'roleassignment',
  scope: 'binding',
  reads: ['A2', 'A4', 'A5', 'A6', 'O3'],
  masks: ['request-drift'],
  severity: 'error',
  detects:
    'The identity holds roles on a resource, but none grants the data action its access needs: a role such as Reader or Contributor manages the resource but cannot read or write its data.',
  fix: 'Assigns the least data role at the resource (where no single built-in role fits, says to choose one with the platform team); the control-plane role can then go if nothing needs it.',
  evaluate({ unit, resourceTypes }) {
    const identity = unit.identity;
    if (!identity) return [];
    const findings = [];
    for (const target of unit.binding.targets) {
      // Vaults in access-policy mode are judged by the kv-* rules, deleted targets by resource-not-found.
      if (target.resource.status !== 'ok' || isAccessPolicyVault(target))
        continue;
      const { dataActions, leastRole } = requiredAccess(target, resourceTypes);
      const held = identityAssignmentsOn(unit, target);
      if (dataActions.length === 0 || held.length === 0) continue;
      if (coversTarget(unit, target, held, resourceTypes)) continue;
      const names = held.map(a => roleName(unit, a));
      const granted = [
        ...new Set(
          held.flatMap(
            a => roleOf(unit, a.properties.roleDefinitionId)?.dataActions ?? [],
          ),
        ),
      ];
      const least = leastRole ?? '<least data role>';
      findings.push(
        findingOf(raControlPlaneOnly, {
          severity: 'error',
          state: 'broken',
          message: `${names.join(', ')} on ${
            target.resourceId
          } grants management (control-plane) access only; ${doing(
            target,
          )} needs a data role such as ${least}.`,
          evidence: {
            expected: `${dataActions.join(', ')} via e.g. ${least}`,
            actual: `roles on ${target.resourceId}: ${names.join(
              ', ',
            )}, data actions: ${granted.length ? granted.join(', ') : 'none'}`,
          },
          // Which data role, where none is derived, is a choice: the fix says so in words.
          fix: leastRole
            ? commandFix(
                roleAssignmentCreate(
                  identity.properties.principalId,
                  leastRole,
                  target.resourceId,
                ),
                'component',
                {
                  note: `Then remove ${names.join(
                    ', ',
                  )} if nothing else needs it: a management role on the resource is not needed to use its data.`,
                },
              )
            : {
                kind: 'action',
                owner: 'component',
                text: `No single built-in role grants exactly the data access asked for on ${
                  target.resourceId
                }: choose the data role with the platform team, then assign it to principal ${
                  identity.properties.principalId
                } at that scope. Then remove ${names.join(
                  ', ',
                )} if nothing else needs it.`,
              },
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      );
    }
    return findings;
  },
};
