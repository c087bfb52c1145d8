/**
 * The vocabulary of an identity chain as the card shows it: the links in the order a token
 * travels, and the finding every health rule produces.
 *
 * @public
 */
export const CHAIN_LINKS = [
  'cluster',
  'webhook',
  'pod',
  'serviceaccount',
  'federation',
  'identity',
  'roleassignment',
  'resource',
  'token',
] as const;

/** @public */
export type Link = (typeof CHAIN_LINKS)[number];

/** @public */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * What a finding says about its link. Never `ok`: ok is the absence of findings.
 *
 * @public
 */
export type FindingState = 'broken' | 'degraded' | 'pending' | 'unknown';

/**
 * The state the card shows for a link. `none`: nothing is on the link to check (no chain at
 * all, no federated credential, no role, no resource named), which is never "ok": ok means
 * something is there and every rule about it found nothing wrong.
 *
 * @public
 */
export type LinkState = FindingState | 'ok' | 'none';

/** @public */
export interface FindingFix {
  kind: 'command' | 'manifest' | 'action' | 'none';
  /**
   * For a command: only commands a POSIX shell runs as given, joined by ` && ` when each needs
   * the one before or on separate lines when they are independent steps; every placeholder
   * filled where the value can be known. For an action: what to do, in words. Never a secret.
   */
  text: string;
  /** Who can apply it: a component owner usually cannot change the cluster. */
  owner: 'component' | 'platform';
  /**
   * What to know around the command, in words: why, when, what it changes, what to do after
   * or instead. Never copied with the command.
   */
  note?: string;
}

/**
 * The object a finding is about; `id` identifies it across bindings (an ARM id, a FIC id).
 *
 * @public
 */
export interface FindingRef {
  cluster?: string;
  namespace?: string;
  kind: string;
  name: string;
  apiGroup?: string;
  id?: string;
}

/**
 * One problem found on a chain: what was expected beside what was found, and the exact fix.
 *
 * @public
 */
export interface Finding {
  /** Kebab-case, stable, equal to the rule's file name. */
  ruleId: string;
  /** The rule's name in words, e.g. "Federated credential names another namespace". */
  title?: string;
  link: Link;
  severity: FindingSeverity;
  state: FindingState;
  message: string;
  /** Single-line text (JSON for objects), never a secret. */
  evidence: { expected: string; actual: string };
  fix: FindingFix;
  ref?: FindingRef;
  /** Pods or objects folded into this finding. */
  occurrenceCount?: number;
  /** The root cause's rule id; masked findings are returned but hidden by default. */
  maskedBy?: string;
  /** The token-probe result that corroborates this configuration finding. */
  confirmedBy?: { ruleId: string; code: string };
}

// Unknown ranks above degraded because an unread link may hide a break. None ranks last: a
// chain whose other links work is not made worse by a link with nothing on it, and a chain is
// "none" only when every link is.
const LINK_STATE_ORDER: readonly LinkState[] = [
  'broken',
  'unknown',
  'degraded',
  'pending',
  'ok',
  'none',
];

/**
 * The worst of some states: broken, then unknown, degraded, pending, ok and none; ok when
 * there are none at all (a link without findings).
 *
 * @public
 */
export function worstLinkState(states: Iterable<LinkState>): LinkState {
  let worst: LinkState | undefined;
  for (const state of states) {
    if (
      worst === undefined ||
      LINK_STATE_ORDER.indexOf(state) < LINK_STATE_ORDER.indexOf(worst)
    ) {
      worst = state;
    }
  }
  return worst ?? 'ok';
}

/**
 * Each link's state from its findings: the worst of them, masked ones included. A masked
 * finding is hidden on the card behind its root cause, but what it says about its own link
 * stays true (a token exchange that fails because of a credential's typo is broken, not ok).
 *
 * @public
 */
export function linkStates(
  findings: readonly Finding[],
): Record<Link, LinkState> {
  const states = {} as Record<Link, LinkState>;
  for (const link of CHAIN_LINKS) {
    states[link] = worstLinkState(
      findings.filter(f => f.link === link).map(f => f.state),
    );
  }
  return states;
}

/**
 * One workload's chain as the card draws it, link by link.
 *
 * @public
 */
export interface ChainBinding {
  /** Labelled for workload identity, annotated with a client id, or named by a request. */
  usesWorkloadIdentity: boolean;
  cluster: string;
  namespace: string;
  workload?: string;
  pods: number;
  serviceAccount: string;
  clientId?: string;
  identity?: {
    name: string;
    id: string;
    clientId: string;
    principalId: string;
  };
  federatedCredentials: { name: string; issuer: string; subject: string }[];
  roleAssignments: { roleDefinitionId: string; scope: string }[];
  targets: { resourceId: string; intent: string }[];
}

/**
 * What `GET /chain` answers for a component.
 *
 * @public
 */
export interface ChainView {
  entityRef: string;
  /** When the chain was read; a cached answer keeps the time of its read. */
  checkedAt: string;
  links: Record<Link, LinkState>;
  /** Root causes first; masked ones carry `maskedBy`. */
  findings: Finding[];
  bindings: ChainBinding[];
  /**
   * The portal's guardrails on each cluster the component has bindings on. Absent when the
   * backend does not read guardrails.
   */
  guardrails?: ChainGuardrails[];
}

/**
 * One cluster's guardrails as the card shows them. `state`: `off` where the mode is off (the
 * portal writes and promises nothing there); `current`, `outdated` or `missing` as the cluster
 * holds the portal's policies, bindings and grants; `unknown` where they could not be read.
 *
 * @public
 */
export interface ChainGuardrails {
  cluster: string;
  mode: 'off' | 'audit' | 'deny';
  state: 'current' | 'outdated' | 'missing' | 'off' | 'unknown';
}

/**
 * One role a component holds on one scope, as the fleet inventory lists it.
 *
 * @public
 */
export interface InventoryRow {
  entityRef: string;
  owner?: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  identity?: string;
  roleName: string;
  roleDefinitionId: string;
  scope: string;
  privileged: boolean;
  /** Set when the scope is broader than one resource: resource group, subscription, ... */
  broadScope?: string;
  /** The component's chain as a whole, and its worst visible finding. */
  chainState: LinkState;
  worstFinding?: { ruleId: string; state: FindingState; message: string };
  checkedAt: string;
}

/**
 * What `GET /inventory` answers.
 *
 * @public
 */
export interface InventoryResponse {
  items: InventoryRow[];
  /** Components that name workloads but whose chain has not been read yet. */
  notScanned: string[];
}
