export * from './accessRequest';
export * from './plan';
export * from './requestRecord';
export * from './templateInput';
export * from './formChoices';
export * from './fieldLabels';
export * from './labelCommand';
export * from './podsStep';
