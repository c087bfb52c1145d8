import {
  GuardrailExpectations,
  guardrailFacts,
} from '../../guardrails/inspectedGuardrails';
import { GuardrailReader } from '../../guardrails/GuardrailWriter';
import { ClusterGuardrails } from '../snapshot';
import { Once } from './readers';
import { notRead, readOutcome } from './readOutcome';

/**
 * `K12`: the cluster's guardrails beside what the portal would hold there, read only where
 * they are on and the component has something on the cluster. Undefined where the inspector
 * was given no guardrail settings or no reader for the cluster.
 */
export async function readClusterGuardrails(input: {
  cluster: string;
  expectations?: GuardrailExpectations;
  reader?: GuardrailReader;
  inUse: boolean;
  once: Once;
}): Promise<ClusterGuardrails | undefined> {
  const { cluster, expectations, reader, once } = input;
  if (!expectations || !reader) return undefined;
  const mode = expectations.modeOf(cluster);
  if (mode === 'off') {
    return { mode, installed: await notRead('guardrails are off') };
  }
  if (!input.inUse) {
    return { mode, installed: await notRead('no workload on this cluster') };
  }
  const installed = await readOutcome(`the guardrails of ${cluster}`, () =>
    // Once per inspection, or per fleet scan: every component on the cluster reads the same.
    once(`guardrails ${cluster}`, async () => {
      const [expected, found] = await Promise.all([
        expectations.expected(cluster),
        readInstalled(reader),
      ]);
      return guardrailFacts({ expected, installed: found });
    }),
  );
  return { mode, installed };
}

/**
 * The reader wraps what the API server said in a message for people; the outcome needs the
 * status it carried (403 is forbidden, not unreachable), so the original error is rethrown.
 */
async function readInstalled(reader: GuardrailReader) {
  try {
    return await reader.readInstalled();
  } catch (error) {
    throw (error as { cause?: unknown })?.cause ?? error;
  }
}
