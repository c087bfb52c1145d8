// Ways to change the demo world's twin as the scenarios say, on its baseline component
// orders-api: ARM state, Kubernetes objects, faults and clocks.
export * from './types';
export * from './azure';
export * from './kubernetes';
export * from './network';
