import {
  CHAIN_LINKS,
  Link,
  ruleTitle,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  HealthRule,
  MaskSpec,
  READ_IDS,
  READS,
} from '@backstage-community/plugin-azure-workload-identity-node';

/** Where the reference lives, from the repository root, and the command that writes it. */
export const RULE_REFERENCE_PATH = 'docs/health-rules.md';
export const RULE_REFERENCE_COMMAND = 'npm run docs:rules';

const LINK_HEADINGS: Record<Link, string> = {
  cluster: 'Cluster',
  webhook: 'Webhook',
  pod: 'Pod',
  serviceaccount: 'Service account',
  federation: 'Federated credential',
  identity: 'Managed identity',
  roleassignment: 'Role assignment',
  resource: 'Resource',
  token: 'Token exchange',
};

const code = (text: string) => `\`${text}\``;

const INTRO = `The identity card checks a component's chain link by link, in the order a token travels:
from the cluster and its webhook, through the pod, its service account and the federated
credential, to the managed identity, its role assignments, the resources it uses and the token
exchange at Microsoft Entra ID. Each rule below looks at one link. When it finds something
wrong, the card shows a finding with its evidence and the exact fix for the objects involved;
the fix names who can apply it, the component's team or the platform team.

Severity: \`error\` means the chain does not work, \`warning\` that it works with a risk or a
leftover to clean up, \`info\` that there is nothing to fix yet. Where one finding explains
another, the rule that explains it masks the other, so the card leads with the cause.

Each rule names the reads it needs (listed under [Reads](#reads)). Where one of them failed,
the rule is not run and its link is unknown rather than ok; the card says why with one of two
findings of its own:`;

function readFailures(): string[] {
  const forbidden = 'inspect-read-forbidden';
  const unreachable = 'inspect-upstream-unreachable';
  return [
    `- ${code(forbidden)} (${ruleTitle(
      forbidden,
    )}), a warning: Backstage is not allowed to`,
    '  make the read. Its fix is the Kubernetes permission or the Azure Reader role to grant, a',
    '  platform task.',
    `- ${code(unreachable)} (${ruleTitle(
      unreachable,
    )}), info: the Kubernetes API, Azure or`,
    "  the issuer did not answer. Nothing for the component's team to do.",
  ];
}

const REVOKED = `A workload whose access was revoked or expired on purpose is not inspected as a broken chain
(the rules would ask to recreate what the revoke removed). The engine reports it with a finding
of its own:`;

function revokedAccess(): string[] {
  const id = 'access-revoked-still-used';
  return [
    `- ${code(id)} (${ruleTitle(id)}), a warning on the pod link: the`,
    '  workload still asks for Azure (the pod label, `AZURE_CLIENT_ID`, the service account',
    '  annotation) though its access ended. Its fix is the kubectl commands that remove what is',
    "  left, for the component's team.",
  ];
}

const MODULES = `A backend module adds rules of its own through the health rules extension point of
\`@backstage-community/plugin-azure-workload-identity-node\`, and documents them with the same
fields (\`severity\`, \`detects\`, \`fix\`); \`packages/backend/src/appConfiguration\` holds an
example.`;

function severities(rule: HealthRule): string[] {
  return rule.severity === undefined ? [] : [rule.severity].flat();
}

function mask(spec: MaskSpec): string {
  return typeof spec === 'string'
    ? code(spec)
    : `${code(spec.ruleId)} (about the same object)`;
}

/** A Markdown table padded as Prettier pads it, so the generated file is already formatted. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

function ruleSection(rule: HealthRule): string[] {
  return [
    `### ${code(rule.id)}`,
    '',
    `- **Title:** ${ruleTitle(rule.id, rule.title)}`,
    `- **Severity:** ${severities(rule).join(' or ')}`,
    `- **Detects:** ${rule.detects}`,
    `- **Fix:** ${rule.fix}`,
    '- **Reads:**',
    ...rule.reads.map(id => `  - ${code(id)}: ${READS[id].description}`),
    `- **Masks:** ${
      rule.masks.length ? rule.masks.map(mask).join(', ') : 'nothing'
    }`,
    '',
  ];
}

function linkSection(link: Link, rules: HealthRule[]): string[] {
  return [
    `## ${LINK_HEADINGS[link]}`,
    '',
    ...table(
      ['Rule', 'Title', 'Severity'],
      rules.map(r => [
        `[${code(r.id)}](#${r.id})`,
        ruleTitle(r.id, r.title),
        severities(r).join(', '),
      ]),
    ),
    '',
    ...rules.flatMap(ruleSection),
  ];
}

function readsSection(): string[] {
  return [
    '## Reads',
    '',
    'What the inspection reads, by the id a rule names in `reads`. Kubernetes reads need the',
    "permission shown (the webhook's configuration map through a Role in the webhook's",
    'namespace, the others through the Backstage ClusterRole); Azure reads need Reader at their',
    'scope.',
    '',
    ...table(
      ['Read', 'Link', 'What it reads', 'Operation'],
      READ_IDS.map(id => {
        const read = READS[id];
        const k8s = read.kubernetes;
        const operation = k8s
          ? `${read.operation} (${code(
              k8s.apiGroup ? `${k8s.apiGroup}/${k8s.resource}` : k8s.resource,
            )})`
          : armOperation(read.operation);
        return [code(id), read.link, read.description, operation];
      }),
    ),
  ];
}

// Azure permissions read as code; the other reads are described in words.
function armOperation(operation: string): string {
  return /^(Microsoft\.|<)/.test(operation) ? code(operation) : operation;
}

/** Why a rule cannot be documented, or undefined when it can. */
export function undocumented(rule: HealthRule): string | undefined {
  const missing = [
    severities(rule).length === 0 && 'severity',
    !rule.detects?.trim() && 'detects',
    !rule.fix?.trim() && 'fix',
  ].filter(Boolean);
  return missing.length
    ? `health rule ${rule.id} lacks ${missing.join(', ')}`
    : undefined;
}

/**
 * The rule reference, in Markdown, from the rules' own metadata: one section per link in chain
 * order, each rule in the order given (the card's).
 */
export function renderRuleReference(rules: readonly HealthRule[]): string {
  const problems = rules.map(undocumented).filter(Boolean);
  if (problems.length) throw new Error(problems.join('; '));
  const byLink = CHAIN_LINKS.map(link => ({
    link,
    rules: rules.filter(r => r.link === link),
  })).filter(group => group.rules.length > 0);
  const lines = [
    '# Health rules',
    '',
    `<!-- Written by \`${RULE_REFERENCE_COMMAND}\` from the rules in plugins/azure-workload-identity-backend/src/rules; edit the rules, not this file. -->`,
    '',
    INTRO,
    '',
    ...readFailures(),
    '',
    REVOKED,
    '',
    ...revokedAccess(),
    '',
    MODULES,
    '',
    ...byLink.map(
      g =>
        `- [${LINK_HEADINGS[g.link]}](#${LINK_HEADINGS[g.link]
          .toLowerCase()
          .replace(/ /g, '-')}): ${g.rules.length} rule${
          g.rules.length === 1 ? '' : 's'
        }`,
    ),
    '- [Reads](#reads)',
    '',
    ...byLink.flatMap(g => linkSection(g.link, g.rules)),
    ...readsSection(),
  ];
  return `${lines.join('\n')}\n`;
}
