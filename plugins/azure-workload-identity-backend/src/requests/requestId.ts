import { randomBytes } from 'node:crypto';

/**
 * Returns a generator of UUIDv7 request ids. Their leading 48 bits are the creation time in
 * milliseconds and, within one process, a counter keeps them strictly increasing, so sorting
 * by id is sorting by creation: the list's keyset cursor needs no timestamp column of finer
 * resolution than SQLite's seconds.
 */
export function createRequestIdGenerator(
  options: { now?: () => number } = {},
): () => string {
  const now = options.now ?? Date.now;
  let lastMs = -1;
  let counter = 0;

  return () => {
    let ms = now();
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      // 12 counter bits exhausted within one millisecond: borrow the next millisecond.
      if (counter > 0xfff) {
        ms += 1;
        counter = randomBytes(2).readUInt16BE() & 0x7ff;
      }
    } else {
      // Seeded below 0x800 so a burst in one millisecond has room to count up.
      counter = randomBytes(2).readUInt16BE() & 0x7ff;
    }
    lastMs = ms;

    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
      12,
      16,
    )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export const REQUEST_ID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
