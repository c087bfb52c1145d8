import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AzureState } from './AzureState';
import { AzureStateSnapshot } from './types';

/** The file: the state, and the name of the seed it grew from. */
type SavedState = AzureStateSnapshot & { seedLabel?: string };

/** A saved state, unless it is of another format or was written for another seed. */
export async function readSnapshot(
  file: string,
  seedLabel?: string,
): Promise<AzureStateSnapshot | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as SavedState;
    if (parsed.version !== 1 || parsed.seedLabel !== seedLabel)
      return undefined;
    const { seedLabel: _label, ...snapshot } = parsed;
    return snapshot;
  } catch {
    return undefined;
  }
}

/**
 * Writes the state to `file` shortly after each change (coalesced), so a
 * restart of the portal finds the same world. `flush()` writes at once.
 */
export function persistSnapshots(
  state: AzureState,
  file: string,
  options: { seedLabel?: string; debounceMs?: number } = {},
): { flush(): Promise<void>; saveNow(): Promise<void> } {
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = undefined;
    const saved: SavedState = {
      ...state.toSnapshot(),
      seedLabel: options.seedLabel,
    };
    const text = JSON.stringify(saved);
    writing = writing.then(async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, text);
      await fs.rename(tmp, file);
    });
    return writing;
  };
  state.onChange(() => {
    if (!timer) {
      timer = setTimeout(() => void write(), debounceMs);
      timer.unref();
    }
  });
  return {
    saveNow: () => write(),
    flush: async () => {
      if (timer) {
        clearTimeout(timer);
        await write();
      }
      await writing;
    },
  };
}
