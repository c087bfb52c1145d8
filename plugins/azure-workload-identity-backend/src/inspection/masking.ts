import { Finding } from '@backstage-community/plugin-azure-workload-identity-common';
import { MaskSpec } from './rule';

function masksFinding(
  spec: MaskSpec,
  masker: Finding,
  masked: Finding,
): boolean {
  if (typeof spec === 'string') return spec === masked.ruleId;
  return (
    spec.ruleId === masked.ruleId &&
    masker.ref?.id !== undefined &&
    masker.ref.id === masked.ref?.id
  );
}

const AADSTS = /AADSTS\d+/;

/**
 * Applies the rules' masks to the findings of one binding. A finding is masked when another fired finding
 * (masked or not) masks its rule; `maskedBy` names the root cause, found by following maskers
 * up to one that nothing masks. A masked `token-*` finding becomes `confirmedBy` on the
 * configuration finding that masked it.
 */
export function applyMasking(
  findings: Finding[],
  masksOf: (ruleId: string) => readonly MaskSpec[],
): Finding[] {
  const directMasker = new Map<Finding, Finding>();
  for (const masked of findings) {
    const maskers = findings.filter(
      masker =>
        masker !== masked &&
        masker.ruleId !== masked.ruleId &&
        masksOf(masker.ruleId).some(spec => masksFinding(spec, masker, masked)),
    );
    if (maskers.length === 0) continue;
    // Prefer a masker that is itself visible: it is the one the owner will fix first.
    const visible = maskers.find(
      m =>
        !findings.some(
          o => o !== m && masksOf(o.ruleId).some(s => masksFinding(s, o, m)),
        ),
    );
    directMasker.set(masked, visible ?? maskers[0]);
  }

  const rootOf = (finding: Finding): Finding => {
    const seen = new Set<Finding>([finding]);
    let current = finding;
    for (;;) {
      const next = directMasker.get(current);
      if (!next || seen.has(next)) return current;
      seen.add(next);
      current = next;
    }
  };

  const result = findings.map(f => ({ ...f }));
  const copies = new Map(findings.map((f, i) => [f, result[i]]));
  for (const [masked, masker] of directMasker) {
    const copy = copies.get(masked)!;
    copy.maskedBy = rootOf(masked).ruleId;
    if (masked.ruleId.startsWith('token-')) {
      const code = masked.evidence.actual.match(AADSTS)?.[0];
      if (code)
        copies.get(masker)!.confirmedBy = { ruleId: masked.ruleId, code };
    }
  }
  return result;
}
