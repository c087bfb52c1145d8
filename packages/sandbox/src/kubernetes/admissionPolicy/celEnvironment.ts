import { Environment } from '@marcbachmann/cel-js';
import { registerKubernetesLibraries } from './celLibraries';

/**
 * The outcome of one CEL expression, worded as kube-apiserver words it
 * (k8s.io/apiserver/pkg/admission/plugin/cel/activation.go).
 */
export type CelOutcome =
  | { value: unknown }
  /** `error` is the full wording; `cause` what CEL itself said. */
  | { error: string; cause: string };

export interface CompiledExpression {
  readonly expression: string;
  /** `compilation failed: ...` when the text does not compile. */
  readonly compileError?: string;
  evaluate(context: Record<string, unknown>): CelOutcome;
}

type Program = ((context: Record<string, unknown>) => unknown) & {
  check(): { valid: boolean; error?: { code?: string } };
};

/**
 * The variables a policy's expressions see, as the validating admission
 * policy documentation lists them:
 * https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-expression
 * `params` is declared only for policies with a paramKind, as Kubernetes
 * does; `authorizer` is not offered (see README.md).
 */
const VARIABLES = [
  'object',
  'oldObject',
  'request',
  'namespaceObject',
  'variables',
] as const;

function buildEnvironments() {
  // Kubernetes enables optional types since 1.28 (environment/base.go).
  // Its homogeneous-literal rule is a compile-time check against schemas; the
  // twin has none, so it accepts mixed literals rather than reject valid ones.
  const base = registerKubernetesLibraries(
    new Environment({
      enableOptionalTypes: true,
      homogeneousAggregateLiterals: false,
    }),
  );
  for (const name of VARIABLES) base.registerVariable(name, 'dyn');
  const withoutParams = base.clone();
  const withParams = base.clone().registerVariable('params', 'dyn');
  return { withParams, withoutParams };
}

let environments: ReturnType<typeof buildEnvironments> | undefined;
const cache = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 1000;

/** cel-go starts its messages in lower case ("no such key: x"); follow it. */
export function celErrorText(error: unknown): string {
  const text =
    (error as { summary?: string })?.summary ??
    (error instanceof Error ? error.message : String(error));
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Parses once per expression text and environment; policies are re-read on every request. */
export function compileExpression(
  expression: string,
  options: { hasParams: boolean },
): CompiledExpression {
  const key = `${options.hasParams ? 'p' : '-'}:${expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  environments ??= buildEnvironments();
  const env = options.hasParams
    ? environments.withParams
    : environments.withoutParams;
  let compiled: CompiledExpression;
  try {
    const program = env.parse(expression) as unknown as Program;
    // The twin has no schemas to type-check against, but a name that is not
    // declared (`params` without a paramKind, `authorizer`) fails compilation
    // in Kubernetes too, so report it as such.
    const checked = program.check();
    if (checked.error?.code === 'unknown_variable') throw checked.error;
    compiled = {
      expression,
      evaluate(context) {
        try {
          return { value: program(context) };
        } catch (e) {
          const cause = celErrorText(e);
          return {
            error: `expression '${expression}' resulted in error: ${cause}`,
            cause,
          };
        }
      },
    };
  } catch (e) {
    const compileError = `compilation failed: ${celErrorText(e)}`;
    const error = `compilation error: ${compileError}`;
    compiled = {
      expression,
      compileError,
      evaluate: () => ({ error, cause: compileError }),
    };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}
