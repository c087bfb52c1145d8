export { EntityIdentityCard } from './EntityIdentityCard';
export { IdentityCard } from './IdentityCard';
export type { IdentityCardProps } from './IdentityCard';
