import { ServiceUnavailableError } from '@backstage/errors';
import { upstreamError } from '../../clients/upstreamError';
import { GuardrailMode } from '../../config/readGuardrailConfig';
import { GuardrailReader } from '../../guardrails/GuardrailWriter';
import { GuardrailExpectations } from '../../guardrails/inspectedGuardrails';
import { httpError } from './__testUtils__/fakeReads';
import { readClusterGuardrails } from './readClusterGuardrails';
import { onceIn } from './readers';

function expectations(mode: GuardrailMode): GuardrailExpectations & {
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    modeOf: () => mode,
    async expected(cluster) {
      asked.push(cluster);
      return { policies: [], grants: [], settling: [], appliedBy: 'portal' };
    },
  };
}

function reader(
  answer: () => ReturnType<GuardrailReader['readInstalled']>,
): GuardrailReader & { reads: number } {
  const counted = {
    reads: 0,
    readInstalled() {
      counted.reads++;
      return answer();
    },
  };
  return counted;
}

const nothingInstalled = async () => ({ objects: [] });

describe('readClusterGuardrails', () => {
  it('is left out where the inspector was given no guardrail settings', async () => {
    expect(
      await readClusterGuardrails({
        cluster: 'aks-prod',
        reader: reader(nothingInstalled),
        inUse: true,
        once: onceIn(new Map()),
      }),
    ).toBeUndefined();
  });

  it('reads nothing where guardrails are off', async () => {
    const cluster = reader(nothingInstalled);
    const settings = expectations('off');
    const read = await readClusterGuardrails({
      cluster: 'aks-prod',
      expectations: settings,
      reader: cluster,
      inUse: true,
      once: onceIn(new Map()),
    });
    expect(read).toEqual({
      mode: 'off',
      installed: { status: 'not-found', reason: 'guardrails are off' },
    });
    expect([cluster.reads, settings.asked]).toEqual([0, []]);
  });

  it('compares what the cluster holds with what the portal would hold, once per inspection', async () => {
    const cluster = reader(nothingInstalled);
    const settings = expectations('deny');
    const once = onceIn(new Map());
    const input = {
      cluster: 'aks-prod',
      expectations: settings,
      reader: cluster,
      inUse: true,
      once,
    };
    const first = await readClusterGuardrails(input);
    await readClusterGuardrails(input);
    expect(first).toMatchObject({
      mode: 'deny',
      installed: {
        status: 'ok',
        value: { state: 'outdated', grants: 'missing', appliedBy: 'portal' },
      },
    });
    expect([cluster.reads, settings.asked]).toEqual([1, ['aks-prod']]);
  });

  it("tells forbidden from unreachable through the reader's message for people", async () => {
    const forbidden = await readClusterGuardrails({
      cluster: 'aks-prod',
      expectations: expectations('audit'),
      reader: reader(async () => {
        throw upstreamError({
          upstream: "the Kubernetes API of cluster 'aks-prod'",
          reading: 'the guardrails',
          error: httpError(403, 'validatingadmissionpolicies is forbidden'),
        });
      }),
      inUse: true,
      once: onceIn(new Map()),
    });
    expect(forbidden?.installed).toMatchObject({
      status: 'forbidden',
      httpStatus: 403,
      reason: 'validatingadmissionpolicies is forbidden',
    });
    const unreachable = await readClusterGuardrails({
      cluster: 'aks-prod',
      expectations: expectations('audit'),
      reader: reader(async () => {
        throw new ServiceUnavailableError('cannot read the guardrails');
      }),
      inUse: true,
      once: onceIn(new Map()),
    });
    expect(unreachable?.installed.status).toBe('unreachable');
  });

  it('does not read a cluster the component has nothing on', async () => {
    const cluster = reader(nothingInstalled);
    const read = await readClusterGuardrails({
      cluster: 'aks-dev',
      expectations: expectations('deny'),
      reader: cluster,
      inUse: false,
      once: onceIn(new Map()),
    });
    expect(read?.installed.status).toBe('not-found');
    expect(cluster.reads).toBe(0);
  });
});
