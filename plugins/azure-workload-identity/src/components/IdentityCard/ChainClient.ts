// The chain is read through the plugin's API (src/api); the card's components import its type
// from here.
export type { ChainAnswer } from '../../api';
