export { EntityIdentityCard } from './EntityIdentityCard';
export {
  AZURE_ACCESS_TAB_PATH,
  EntityAzureAccessSummaryCard,
} from './EntityAzureAccessSummaryCard';
export { AzureAccessSummaryCard } from './AzureAccessSummaryCard';
export type { AzureAccessSummaryCardProps } from './AzureAccessSummaryCard';
export { IdentityCard } from './IdentityCard';
export type { IdentityCardProps } from './IdentityCard';
