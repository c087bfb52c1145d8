import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AzureState } from './AzureState';
import { AzureStateSnapshot } from './types';

export async function readSnapshot(
  file: string,
): Promise<AzureStateSnapshot | undefined> {
  try {
    const parsed = JSON.parse(
      await fs.readFile(file, 'utf8'),
    ) as AzureStateSnapshot;
    return parsed.version === 1 ? parsed : undefined;
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
  debounceMs = 100,
): { flush(): Promise<void>; saveNow(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = undefined;
    const text = JSON.stringify(state.toSnapshot());
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
