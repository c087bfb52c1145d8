/**
 * Shared, isomorphic model of the Azure Workload Identity plugin family.
 *
 * @packageDocumentation
 */
export * from './ids';
export * from './permissions';
export * from './chain';
export * from './ruleTitles';
export * from './roles';
export * from './naming';
export * from './request';
export * from './selfCheck';
