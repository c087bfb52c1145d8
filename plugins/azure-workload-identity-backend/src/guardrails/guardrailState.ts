import { GUARDRAIL_VERSION_ANNOTATION } from './guardrailNames';
import { InstalledGuardrailObject, StoredGrants } from './GuardrailWriter';
import { GuardrailObject } from './kubernetesObjects';

/** How a cluster's guardrails compare with what the portal would write there now. */
export interface GuardrailState {
  state: 'current' | 'missing' | 'outdated';
  /** `Kind/name` of each expected policy or binding the cluster does not hold. */
  missing: string[];
  /** `Kind/name` of each one it holds at another version (an older portal, or a hand edit). */
  outdated: string[];
  /** Whether the grants ConfigMap holds exactly the grants the requests give. */
  grants: 'current' | 'missing' | 'outdated';
}

const keyOf = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;

/**
 * Compares what a cluster holds (GuardrailReader) with the expected policies and bindings
 * (expectedGuardrailPolicies) and the grants data (grantsData):
 * `missing` when none of the expected policies is there, `outdated` when some are missing or
 * at another version, or the grants differ. Grants being written for a request being applied
 * can differ for a moment; a caller that reports it reads again before it warns.
 */
export function guardrailState(options: {
  /** The policies and bindings only. */
  expected: readonly GuardrailObject[];
  expectedGrants: Record<string, string>;
  installed: { objects: InstalledGuardrailObject[]; grants?: StoredGrants };
}): GuardrailState {
  const installed = new Map(
    options.installed.objects.map(o => [keyOf(o), o.version]),
  );
  const missing: string[] = [];
  const outdated: string[] = [];
  for (const object of options.expected) {
    const key = keyOf({ kind: object.kind, name: object.metadata.name });
    if (!installed.has(key)) {
      missing.push(key);
    } else if (
      installed.get(key) !==
      object.metadata.annotations?.[GUARDRAIL_VERSION_ANNOTATION]
    ) {
      outdated.push(key);
    }
  }
  const grants = grantsState(
    options.installed.grants?.data,
    options.expectedGrants,
  );
  let state: GuardrailState['state'] = 'current';
  if (missing.length > 0 && missing.length === options.expected.length) {
    state = 'missing';
  } else if (
    missing.length > 0 ||
    outdated.length > 0 ||
    grants !== 'current'
  ) {
    state = 'outdated';
  }
  return { state, missing, outdated, grants };
}

function grantsState(
  stored: Record<string, string> | undefined,
  expected: Record<string, string>,
): GuardrailState['grants'] {
  if (!stored) return 'missing';
  return sameEntries(stored, expected) ? 'current' : 'outdated';
}

function sameEntries(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(key => a[key] === b[key]);
}
