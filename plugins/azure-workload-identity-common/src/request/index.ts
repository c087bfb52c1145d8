export * from './accessRequest';
