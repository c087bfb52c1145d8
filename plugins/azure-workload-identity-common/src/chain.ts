/**
 * The vocabulary of an identity chain as the card shows it, link by link, in the order a token
 * travels: cluster → webhook → pod → service account → federation → identity → role
 * assignments → resources → token.
 */
export const CHAIN_LINKS = [
  'cluster',
  'webhook',
  'pod',
  'serviceAccount',
  'federation',
  'identity',
  'roleAssignment',
  'resource',
  'token',
] as const;

export type ChainLink = (typeof CHAIN_LINKS)[number];

/** Unknown is never shown as ok: a link that could not be read is `unknown`, with a reason. */
export type LinkState = 'ok' | 'broken' | 'degraded' | 'pending' | 'unknown';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One problem found on a chain: what was expected beside what was found, and the exact fix. */
export interface Finding {
  ruleId: string;
  link: ChainLink;
  severity: FindingSeverity;
  state: LinkState;
  message: string;
  evidence: { expected: string; actual: string };
  fix: string;
  /** The rule whose finding explains this one; masked findings are shown folded. */
  maskedBy?: string;
}

/** The worst state wins when a link has several findings. */
const STATE_ORDER: LinkState[] = [
  'ok',
  'pending',
  'degraded',
  'unknown',
  'broken',
];

export function worstState(states: LinkState[]): LinkState {
  return states.reduce<LinkState>(
    (worst, state) =>
      STATE_ORDER.indexOf(state) > STATE_ORDER.indexOf(worst) ? state : worst,
    'ok',
  );
}
