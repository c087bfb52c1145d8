import { describeExpiry } from './expiry';

const now = new Date('2026-12-07T10:00:00Z');

describe('describeExpiry', () => {
  it.each([
    [undefined, 'No expiry'],
    ['2027-03-12T00:00:00Z', 'Expires on 12 March 2027'],
    ['2027-03-12T00:00:00.000Z', 'Expires on 12 March 2027'],
    ['2027-03-12T15:30:00Z', 'Expires on 12 March 2027 at 15:30 UTC'],
    ['2026-12-01T00:00:00Z', 'Expired on 1 December 2026'],
    ['next week', 'Expires at next week'],
  ])('says %s as “%s”', (expiresAt, words) => {
    expect(describeExpiry(expiresAt, now)).toBe(words);
  });
});
