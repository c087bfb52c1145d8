import { FederatedCredential } from '../../inspection/azureTypes';
import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { ficRef, identityName, matchFic } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

const norm = (issuer: string) => issuer.trim().replace(/\/$/, '');
const key = (f: FederatedCredential) =>
  `${norm(f.properties.issuer)}\n${f.properties.subject.toLowerCase()}`;

/**
 * Two FICs of the identity equal but for a trailing slash or case: at most one can ever match,
 * the other counts against the limit of 20. The same pair on another identity is not judged:
 * that needs other identities' FICs, which the snapshot does not read.
 */
export const ficDuplicate: BindingRule = {
  id: 'fic-duplicate',
  link: 'federation',
  scope: 'binding',
  reads: ['A3', 'A2'],
  masks: [{ ruleId: 'fic-unknown-issuer', sameObject: true }],
  severity: 'warning',
  detects:
    'Two federated credentials of the identity differ only by a trailing slash on the issuer or the case of the subject: at most one can ever match, and the other counts against the limit of 20.',
  fix: 'Deletes the one that does not match.',
  evaluate({ unit }) {
    if (!unit.identity) return [];
    const fics = [...(valueOf(unit.binding.federatedCredentials) ?? [])].sort(
      (a, b) => a.name.localeCompare(b.name),
    );
    const matched = matchFic(unit).fic;
    const groups = new Map<string, FederatedCredential[]>();
    for (const fic of fics)
      groups.set(key(fic), [...(groups.get(key(fic)) ?? []), fic]);
    const findings = [];
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      // The one the binding matches is alive; without a match, the first by name is kept.
      const keep = group.find(f => f === matched) ?? group[0];
      for (const dead of group.filter(f => f !== keep)) {
        const differs =
          dead.properties.subject !== keep.properties.subject
            ? 'case'
            : 'slash';
        findings.push(
          findingOf(ficDuplicate, {
            severity: 'warning',
            state: 'degraded',
            message: `${dead.name} duplicates ${keep.name} except for ${
              differs === 'case'
                ? 'the case of the subject'
                : 'the trailing slash of the issuer'
            }; only one can match.`,
            evidence: {
              expected: 'one FIC per (issuer, subject)',
              actual: `${keep.name} and ${dead.name}`,
            },
            fix: commandFix(
              `az identity federated-credential delete --name ${
                dead.name
              } --identity-name ${identityName(unit)} ${identityGroupArgs(
                unit,
              )} --yes`,
            ),
            ref: ficRef(unit, dead),
          }),
        );
      }
    }
    return findings;
  },
};
