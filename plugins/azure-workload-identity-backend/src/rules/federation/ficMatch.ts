import { FederatedCredential } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { identityGroupArgs } from '../azArgs';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  FindingBody,
  findingOf,
  refs,
} from '../../inspection/rule';

export type FicMatchOutcome =
  | 'ok'
  | 'fic-audience-mismatch'
  | 'fic-issuer-trailing-slash'
  | 'fic-issuer-stale'
  | 'fic-issuer-mismatch'
  | 'fic-subject-case-mismatch'
  | 'fic-subject-namespace-mismatch'
  | 'fic-subject-sa-mismatch'
  | 'fic-missing';

const norm = (issuer: string) => issuer.trim().replace(/\/$/, '');
const SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

export function parseSubject(
  subject: string,
): { ns: string; sa: string } | undefined {
  const match = SUBJECT.exec(subject);
  return match ? { ns: match[1], sa: match[2] } : undefined;
}

/**
 * The one matching decision over the identity's FICs, in steps: 1 an exact match, 2
 * `fic-audience-mismatch`, 3 `fic-issuer-trailing-slash`, 4 `fic-issuer-stale`, 5
 * `fic-issuer-mismatch`, 6 `fic-subject-case-mismatch`, 7 `fic-subject-namespace-mismatch`,
 * 8 `fic-subject-sa-mismatch`, else 9 `fic-missing`. The first step that applies wins, so a
 * binding gets at most one of the matching findings.
 */
export function matchFic(unit: BindingView): {
  outcome: FicMatchOutcome;
  fic?: FederatedCredential;
} {
  const all = valueOf(unit.binding.federatedCredentials) ?? [];
  const recorded = unit.request?.federatedCredential?.name;
  // Several FICs may qualify at a step: the recorded one first, else the first by name.
  const fics = [...all].sort(
    (a, b) =>
      Number(b.name === recorded) - Number(a.name === recorded) ||
      a.name.localeCompare(b.name),
  );
  const { C, S, A, ns, sa, prevIssuers } = unit;
  const steps: [
    FicMatchOutcome,
    (f: FederatedCredential['properties']) => boolean,
  ][] = [
    [
      'ok',
      f =>
        f.issuer === C &&
        f.subject === S &&
        f.audiences.length === 1 &&
        f.audiences[0] === A,
    ],
    ['fic-audience-mismatch', f => f.issuer === C && f.subject === S],
    [
      'fic-issuer-trailing-slash',
      f => f.subject === S && C !== undefined && norm(f.issuer) === norm(C),
    ],
    // Stale means replaced by the current issuer; without one, step 5 explains it.
    [
      'fic-issuer-stale',
      f => f.subject === S && C !== undefined && prevIssuers.includes(f.issuer),
    ],
    ['fic-issuer-mismatch', f => f.subject === S],
    [
      'fic-subject-case-mismatch',
      f =>
        C !== undefined &&
        norm(f.issuer) === norm(C) &&
        f.subject.toLowerCase() === S.toLowerCase(),
    ],
    [
      'fic-subject-namespace-mismatch',
      f => {
        const subject = parseSubject(f.subject);
        return (
          C !== undefined &&
          norm(f.issuer) === norm(C) &&
          subject?.sa === sa &&
          subject.ns !== ns
        );
      },
    ],
    [
      'fic-subject-sa-mismatch',
      f => {
        const subject = parseSubject(f.subject);
        return (
          C !== undefined &&
          norm(f.issuer) === norm(C) &&
          subject?.ns === ns &&
          subject.sa !== sa
        );
      },
    ],
  ];
  for (const [outcome, test] of steps) {
    const fic = fics.find(f => test(f.properties));
    if (fic) return { outcome, fic };
  }
  return { outcome: 'fic-missing' };
}

export function identityName(unit: BindingView): string {
  return unit.identity?.name ?? unit.request?.identity.name ?? '<identity>';
}

/** `az identity federated-credential update` with the binding's exact values. */
export function ficUpdateCommand(unit: BindingView, ficName: string): string {
  return `az identity federated-credential update --name ${ficName} --identity-name ${identityName(
    unit,
  )} ${identityGroupArgs(unit)} --issuer ${unit.C ?? '<issuer>'} --subject ${
    unit.S
  } --audiences ${unit.A}`;
}

export function ficRef(unit: BindingView, fic: FederatedCredential) {
  const id =
    fic.id ??
    `${unit.identity?.id ?? ''}/federatedIdentityCredentials/${fic.name}`;
  return refs.azure(id, 'FederatedIdentityCredential');
}

/** A rule that reports one outcome of the matching decision. */
export function ficMatchRule(
  options: Pick<
    BindingRule,
    'reads' | 'masks' | 'severity' | 'detects' | 'fix'
  > & {
    id: Exclude<FicMatchOutcome, 'ok' | 'fic-missing'>;
    body: (
      unit: BindingView,
      fic: FederatedCredential,
    ) => Omit<FindingBody, 'ref'>;
  },
): BindingRule {
  const rule: BindingRule = {
    id: options.id,
    link: 'federation',
    scope: 'binding',
    reads: options.reads,
    masks: options.masks,
    severity: options.severity,
    detects: options.detects,
    fix: options.fix,
    evaluate({ unit }) {
      const { outcome, fic } = matchFic(unit);
      if (outcome !== options.id || !fic || !unit.identity) return [];
      return [
        findingOf(rule, { ...options.body(unit, fic), ref: ficRef(unit, fic) }),
      ];
    },
  };
  return rule;
}
