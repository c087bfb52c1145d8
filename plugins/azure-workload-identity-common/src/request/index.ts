export * from './accessRequest';
export * from './plan';
export * from './requestRecord';
