export * from './names';
export * from './entityRef';
