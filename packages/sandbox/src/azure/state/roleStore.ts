import { normalizeScope } from '../ids';
import { StateContext, stripUndefined } from './stateSupport';
import {
  AzureStateSnapshot,
  RoleAssignmentRecord,
  RoleDefinitionRecord,
} from './types';

/** Role assignments, and the custom role definitions beside the built-in catalogue. */
export class RoleStore {
  private roleAssignments = new Map<string, RoleAssignmentRecord>();
  private customRoles = new Map<string, RoleDefinitionRecord>();

  constructor(private readonly ctx: StateContext) {}

  putRoleAssignment(
    ra: Omit<
      RoleAssignmentRecord,
      | 'createdOn'
      | 'updatedOn'
      | 'createdBy'
      | 'updatedBy'
      | 'delegatedManagedIdentityResourceId'
      | 'description'
      | 'condition'
      | 'conditionVersion'
    > &
      Partial<RoleAssignmentRecord>,
  ): RoleAssignmentRecord {
    const now = new Date(this.ctx.now()).toISOString();
    const existing = this.roleAssignments.get(ra.name.toLowerCase());
    const record: RoleAssignmentRecord = {
      description: null,
      condition: null,
      conditionVersion: null,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      createdOn: existing?.createdOn ?? now,
      updatedOn: now,
      ...stripUndefined(ra),
      scope: normalizeScope(ra.scope),
    };
    this.roleAssignments.set(ra.name.toLowerCase(), record);
    this.ctx.changed();
    return record;
  }

  getRoleAssignment(name: string): RoleAssignmentRecord | undefined {
    return this.roleAssignments.get(name.toLowerCase());
  }

  listRoleAssignments(): RoleAssignmentRecord[] {
    return [...this.roleAssignments.values()];
  }

  deleteRoleAssignment(name: string): boolean {
    const deleted = this.roleAssignments.delete(name.toLowerCase());
    if (deleted) this.ctx.changed();
    return deleted;
  }

  putCustomRoleDefinition(role: RoleDefinitionRecord): void {
    this.customRoles.set(role.id.toLowerCase(), {
      ...role,
      type: 'CustomRole',
    });
    this.ctx.changed();
  }

  listCustomRoleDefinitions(): RoleDefinitionRecord[] {
    return [...this.customRoles.values()];
  }

  clear(): void {
    this.roleAssignments.clear();
    this.customRoles.clear();
  }

  snapshot(): Pick<
    AzureStateSnapshot,
    'roleAssignments' | 'customRoleDefinitions'
  > {
    return {
      roleAssignments: [...this.roleAssignments.values()],
      customRoleDefinitions: [...this.customRoles.values()],
    };
  }

  load(snapshot: AzureStateSnapshot): void {
    for (const ra of snapshot.roleAssignments)
      this.roleAssignments.set(ra.name.toLowerCase(), ra);
    for (const r of snapshot.customRoleDefinitions)
      this.customRoles.set(r.id.toLowerCase(), r);
  }
}
