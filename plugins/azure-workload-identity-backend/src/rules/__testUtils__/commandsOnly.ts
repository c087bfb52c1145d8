import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';

/** The programs a fix may run: what the platform and component teams have in their shells. */
export const COMMAND_WORDS = [
  'az',
  'kubectl',
  'helm',
  'curl',
  'nslookup',
  'dig',
  'npm',
  'pip',
  'dotnet',
  'go',
  'vcpkg',
];

/**
 * Words that join a command to prose. None occurs in a JSON patch, a JMESPath query or a
 * `$(…)` substitution, so a real command never trips them.
 */
const PROSE_MARKERS: { marker: RegExp; says: string }[] = [
  { marker: /, then /, says: '", then " joins a step in words' },
  { marker: /; /, says: '"; " joins a step in words' },
  { marker: / or /, says: '" or " offers an alternative in words' },
  { marker: / and /, says: '" and " joins a step in words' },
  { marker: /\bRequest /, says: '"Request " asks for a card action' },
  { marker: / if /, says: '" if " puts a condition in words' },
  { marker: /\be\.g\./, says: '"e.g." gives an example in words' },
  {
    marker: / \([A-Za-z][^)]*\)/,
    says: '"(…)" around words explains in the command',
  },
];

/** A placeholder such as `<fic>`: a value the inspection cannot know. */
const PLACEHOLDER = /<[a-z][a-z -]*>/i;

/**
 * What keeps a command fix from being pasted into a POSIX shell as it stands, one sentence per
 * problem; empty when every line (split on new lines and ` && `) is a command and nothing else.
 */
export function notCommandsOnly(fix: FindingFix): string[] {
  if (fix.kind !== 'command') return [];
  const problems: string[] = [];
  if (!fix.text.trim()) problems.push('the command is empty');
  for (const line of fix.text.split('\n')) {
    for (const step of line.split(' && ')) {
      const word = step.trim().split(/\s+/)[0];
      if (!COMMAND_WORDS.includes(word)) {
        problems.push(`"${step.slice(0, 60)}" starts with no known command`);
      }
    }
  }
  for (const { marker, says } of PROSE_MARKERS) {
    if (marker.test(fix.text)) problems.push(says);
  }
  if (PLACEHOLDER.test(fix.text) && !fix.note) {
    problems.push(
      `placeholder ${
        fix.text.match(PLACEHOLDER)![0]
      } without a note saying how to find it`,
    );
  }
  return problems;
}
