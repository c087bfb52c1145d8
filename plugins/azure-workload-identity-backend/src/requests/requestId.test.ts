import { createRequestIdGenerator, REQUEST_ID_PATTERN } from './requestId';

describe('createRequestIdGenerator', () => {
  it('makes UUIDv7 ids that sort in creation order, even within one millisecond', () => {
    let now = 1_800_000_000_000;
    const next = createRequestIdGenerator({ now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 999) now += 1;
      ids.push(next());
    }
    ids.forEach(id => expect(id).toMatch(REQUEST_ID_PATTERN));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('borrows the next millisecond rather than repeat or disorder a burst', () => {
    const next = createRequestIdGenerator({ now: () => 1_800_000_000_000 });
    const ids = Array.from({ length: 9000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order when the clock steps back', () => {
    const times = [2_000, 1_000, 3_000];
    const next = createRequestIdGenerator({ now: () => times.shift()! });
    const ids = [next(), next(), next()];
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the creation time in its first 48 bits', () => {
    const id = createRequestIdGenerator({ now: () => 0x0123456789ab })();
    expect(id.startsWith('01234567-89ab-7')).toBe(true);
  });
});
