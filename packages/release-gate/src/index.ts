/**
 * A release pipeline step that asks the Backstage portal whether a component's Azure Workload
 * Identity chain is sound before deploying it.
 *
 * @packageDocumentation
 */
import { judgeChain } from './judgeChain';
import { parseArgs, USAGE, UsageError } from './parseArgs';
import { GateRequestError, readChain } from './readChain';

export { judgeChain } from './judgeChain';
export type { FailOn, GateVerdict } from './judgeChain';

/** Runs the gate; resolves to the exit code and sets it on the process. */
export async function main(
  argv: readonly string[],
  io: {
    env?: Record<string, string | undefined>;
    out?: (text: string) => void;
    err?: (text: string) => void;
    fetchImpl?: typeof fetch;
  } = {},
): Promise<number> {
  /* eslint-disable no-console */
  const out = io.out ?? (text => console.log(text));
  const err = io.err ?? (text => console.error(text));
  /* eslint-enable no-console */
  let code: number;
  try {
    const options = parseArgs(argv, io.env ?? process.env);
    const chain = await readChain(options, io.fetchImpl);
    const verdict = judgeChain({
      chain,
      cluster: options.cluster,
      failOn: options.failOn,
    });
    out(verdict.report);
    code = verdict.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) err(`awi-release-gate: ${error.message}\n`);
      err(USAGE);
      code = 2;
    } else if (error instanceof GateRequestError) {
      err(`awi-release-gate: ${error.message}`);
      code = 2;
    } else {
      throw error;
    }
  }
  process.exitCode = code;
  return code;
}
