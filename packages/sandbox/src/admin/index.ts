export { createAdminHandler } from './adminHandler';
export type { AdminOptions } from './adminHandler';
