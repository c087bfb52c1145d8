import {
  CLIENT_ID_POLICY,
  DEFAULT_SA_POLICY,
  PROVISIONED_SA_POLICY,
} from './guardrailNames';
import { GuardrailObjectRef } from './GuardrailWriter';

/** Every name the portal gives a policy (its binding has the same name). */
const PORTAL_NAMES: ReadonlySet<string> = new Set([
  CLIENT_ID_POLICY,
  DEFAULT_SA_POLICY,
  PROVISIONED_SA_POLICY,
]);

const BINDING = 'ValidatingAdmissionPolicyBinding';

/** A policy or binding as the cluster lists it. */
export interface ListedAdmissionObject extends GuardrailObjectRef {
  /** Carries the portal's managed-by label. */
  managed: boolean;
}

export const refKey = (ref: GuardrailObjectRef) => `${ref.kind}/${ref.name}`;

/**
 * Which of the listed policies and bindings to delete: the portal's own (by its label) that
 * are not kept, bindings first. A binding is what puts a policy into effect, so deleting it
 * first ends enforcement at once and never leaves a binding naming a policy that is gone.
 * The label, not the name, decides: an unlabelled object of one of the portal's names is
 * someone else's and is only reported.
 */
export function removalPlan(options: {
  listed: readonly ListedAdmissionObject[];
  keep: readonly GuardrailObjectRef[];
}): { remove: GuardrailObjectRef[]; foreign: GuardrailObjectRef[] } {
  const kept = new Set(options.keep.map(refKey));
  const unexpected = options.listed.filter(o => !kept.has(refKey(o)));
  const remove = unexpected
    .filter(o => o.managed)
    .sort((a, b) => Number(b.kind === BINDING) - Number(a.kind === BINDING))
    .map(({ kind, name }) => ({ kind, name }));
  const foreign = unexpected
    .filter(o => !o.managed && PORTAL_NAMES.has(o.name))
    .map(({ kind, name }) => ({ kind, name }));
  return { remove, foreign };
}
