import { builtinRoles } from '@backstage-community/plugin-azure-workload-identity-common';
import { RoleDefinition } from '../azureTypes';
import { RoleReads } from '../ports';
import { isReadFailure, Read, valueOf } from '../reads';
import { BindingSnapshot } from '../snapshot';
import { Once } from './readers';
import { readOutcome } from './readOutcome';

const BUILTIN_ROLE_IDS = new Set(builtinRoles.map(r => r.id.toLowerCase()));

/**
 * `A5`: the custom roles the bindings' identities hold, each read once; built-in roles come from
 * the common catalogue. A role deleted since is left out (its assignment then grants nothing
 * the rules can see); a role that cannot be read makes the read fail, so the rules that weigh
 * roles stay silent instead of guessing.
 */
export async function readCustomRoles(options: {
  azure: Pick<RoleReads, 'getRoleDefinition'>;
  once: Once;
  bindings: BindingSnapshot[];
  /** Whose credential reads a role given in the tenant form. */
  subscriptionId: string;
  now: Date;
}): Promise<Read<RoleDefinition[]>> {
  const ids = new Map<string, string>();
  for (const binding of options.bindings) {
    const principal = valueOf(binding.identity)?.properties.principalId;
    const held = [
      ...(valueOf(binding.roleAssignments) ?? []),
      ...binding.targets.flatMap(t =>
        (valueOf(t.assignmentsAtScope) ?? []).filter(
          a => principal && a.properties.principalId === principal,
        ),
      ),
    ];
    for (const { properties } of held) {
      const guid = properties.roleDefinitionId.split('/').pop()!.toLowerCase();
      if (!BUILTIN_ROLE_IDS.has(guid))
        ids.set(guid, properties.roleDefinitionId);
    }
  }
  const reads = await Promise.all(
    [...ids.entries()].map(([guid, roleDefinitionId]) =>
      readOutcome(`role definition ${roleDefinitionId}`, () =>
        options.once(`role ${guid}`, () =>
          options.azure.getRoleDefinition({
            roleDefinitionId,
            subscriptionId: options.subscriptionId,
          }),
        ),
      ),
    ),
  );
  const failed = reads.find(isReadFailure);
  if (failed) return failed;
  return {
    status: 'ok',
    value: reads.flatMap(r => (r.status === 'ok' ? [r.value] : [])),
    readAt: options.now.toISOString(),
  };
}
