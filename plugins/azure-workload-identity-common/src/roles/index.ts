export * from './azureResourceId';
export * from './builtinRoles';
export * from './resourceTypes';
export * from './compileRoles';
export * from './roleRisks';
