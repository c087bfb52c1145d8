import {
  FindingFix,
  FindingState,
  FindingSeverity,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ProbeOutcome } from '../../inspection/azureTypes';
import { BindingView } from '../../inspection/derive';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  FindingBody,
  refs,
} from '../../inspection/rule';
import { identityGroupArgs, issuerPlaceholderNote } from '../azArgs';

export type FailedProbe = Extract<ProbeOutcome, { status: 'failed' }>;

/** AADSTS codes a token rule owns; anything else is `token-exchange-failed`. */
export const MAPPED_CODES: Record<string, string> = {
  AADSTS70025: 'token-no-fic-configured',
  AADSTS70021: 'token-no-matching-fic',
  AADSTS700211: 'token-issuer-rejected',
  AADSTS700212: 'token-audience-rejected',
  AADSTS700213: 'token-subject-rejected',
  AADSTS7002138: 'token-subject-case-rejected',
  AADSTS700024: 'token-assertion-expired',
  AADSTS700016: 'token-client-not-found',
  AADSTS90002: 'token-tenant-not-found',
  AADSTS90061: 'token-issuer-unreachable',
};

export function failedProbe(unit: BindingView): FailedProbe | undefined {
  const outcome = valueOf(unit.binding.probe);
  return outcome?.status === 'failed' ? outcome : undefined;
}

/** The evidence of every token rule: what Entra ID answered, with the ids support asks for. */
export function probeEvidence(unit: BindingView, probe: FailedProbe) {
  const description = probe.description.split(/Trace ID/i)[0].trim();
  const ids = [
    probe.traceId && `trace ${probe.traceId}`,
    probe.correlationId && `correlation ${probe.correlationId}`,
    probe.at,
  ].filter(Boolean);
  const text = description.startsWith(probe.code)
    ? description
    : `${probe.code}: ${description}`;
  return {
    expected: `token exchange succeeds for ${unit.effClientId} in ${unit.effTenantId}`,
    actual: `${text} (${ids.join(', ')})`,
  };
}

/** The token presented, quoted so the fix can be exact: `claim = value`. */
export function claimsText(probe: FailedProbe): string {
  const c = probe.claims;
  if (!c) return '';
  return ` The token presented iss=${c.iss ?? '?'}, sub=${c.sub ?? '?'}, aud=${(
    c.aud ?? []
  ).join(',')}.`;
}

/** A rule reporting one Entra ID answer of the token probe. */
export function tokenRule(options: {
  id: string;
  /** The severity of its findings unless `body` says otherwise; default error. */
  severity?: FindingSeverity | FindingSeverity[];
  detects: string;
  fix: string;
  state?: FindingState;
  matches?: (probe: FailedProbe) => boolean;
  body: (
    unit: BindingView,
    probe: FailedProbe,
  ) => Pick<FindingBody, 'message' | 'fix'> &
    Partial<Pick<FindingBody, 'state' | 'severity'>>;
}): BindingRule {
  const code = Object.keys(MAPPED_CODES).find(
    k => MAPPED_CODES[k] === options.id,
  );
  const matches = options.matches ?? ((p: FailedProbe) => p.code === code);
  const severities = [options.severity ?? 'error'].flat();
  const rule: BindingRule = {
    id: options.id,
    link: 'token',
    scope: 'binding',
    reads: ['K9', 'O2'],
    masks: [],
    severity: options.severity ?? 'error',
    detects: options.detects,
    fix: options.fix,
    evaluate({ unit }) {
      const probe = failedProbe(unit);
      if (!probe || !matches(probe)) return [];
      const body = options.body(unit, probe);
      return [
        findingOf(rule, {
          severity: body.severity ?? severities[0],
          state: body.state ?? options.state ?? 'broken',
          message: body.message,
          evidence: probeEvidence(unit, probe),
          fix: body.fix,
          ref: refs.serviceAccount(unit),
        }),
      ];
    },
  };
  return rule;
}

export function identityLabel(unit: BindingView): string {
  return unit.identity?.name ?? unit.effClientId ?? 'the identity';
}

export function ficListCommand(unit: BindingView): string {
  return `az identity federated-credential list --identity-name ${identityLabel(
    unit,
  )} ${identityGroupArgs(unit)} -o table`;
}

/**
 * The fix of a token rule that corrects a federated credential. Entra ID does not say which
 * credential it compared, so the list comes first, on its own line, and the note says which
 * name to put for `<fic>`.
 */
export function ficUpdateFix(
  unit: BindingView,
  values: { issuer?: string; subject: string; audience: string; note?: string },
): FindingFix {
  const update = `az identity federated-credential update --name <fic> --identity-name ${identityLabel(
    unit,
  )} ${identityGroupArgs(unit)} --issuer ${
    values.issuer ?? '<issuer>'
  } --subject ${values.subject} --audiences ${values.audience}`;
  return commandFix(`${ficListCommand(unit)}\n${update}`, 'component', {
    note: [
      `The first command lists the identity's federated credentials: replace <fic> with the name of the one meant for ${unit.S}.`,
      values.note,
      values.issuer ? '' : issuerPlaceholderNote(unit),
    ]
      .filter(Boolean)
      .join(' '),
  });
}
