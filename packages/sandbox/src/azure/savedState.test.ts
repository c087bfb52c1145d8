import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAzureTwin } from './azureTwin';
import { BASELINE } from './seed/baseline';

// A restart of the sandbox reads `.sandbox/azure-state.json`; what it holds must come from the
// same seed, or an old world (old issuers, old ids) would meet the clusters the twin now serves.
describe('the saved Azure state across a restart', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'azure-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function startWithGroupAdded(seedLabel: string) {
    const twin = await createAzureTwin({ dir, persist: true, seedLabel });
    twin.state.putResourceGroup({
      subscriptionId: BASELINE.subscriptionId,
      name: 'rg-made-after-start',
      location: 'eastus',
    });
    await twin.flush();
  }

  const hasGroup = (twin: Awaited<ReturnType<typeof createAzureTwin>>) =>
    twin.state
      .listResourceGroups(BASELINE.subscriptionId)
      .some(g => g.name === 'rg-made-after-start');

  it('is read again when the twin starts from the same seed', async () => {
    await startWithGroupAdded('demo:one');
    const restarted = await createAzureTwin({
      dir,
      persist: true,
      seedLabel: 'demo:one',
    });
    expect(hasGroup(restarted)).toBe(true);
  });

  it('is left unread when the seed changed, and the twin starts from the new one', async () => {
    await startWithGroupAdded('demo:one');
    const restarted = await createAzureTwin({
      dir,
      persist: true,
      seedLabel: 'demo:two',
    });
    expect(hasGroup(restarted)).toBe(false);
    await restarted.flush();
    // The new seed's state is what the next start of the same seed finds.
    const again = await createAzureTwin({
      dir,
      persist: true,
      seedLabel: 'demo:two',
    });
    expect(hasGroup(again)).toBe(false);
  });
});
