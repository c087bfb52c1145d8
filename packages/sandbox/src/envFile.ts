import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Writes KEY=value lines; values are plain (no quoting needed for URLs, GUIDs and paths). */
export async function writeEnvFile(
  file: string,
  values: Record<string, string>,
  header: string,
): Promise<void> {
  const lines = [
    `# ${header}`,
    ...Object.entries(values).map(([k, v]) => `${k}=${v}`),
    '',
  ];
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, lines.join('\n'), { mode: 0o600 });
}

/** Reads a KEY=value file (comments and blank lines ignored). */
export async function readEnvFile(
  file: string,
): Promise<Record<string, string>> {
  const text = await fs.readFile(file, 'utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}
