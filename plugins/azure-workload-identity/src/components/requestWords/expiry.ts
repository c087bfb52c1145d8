// Requests end at a date-time in UTC; the template's date field sends the start of that day.
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/**
 * When the access ends, in words: "Expires on 12 March 2027", "Expired on …" once past, or
 * "No expiry". A time other than midnight UTC is named too, as the day alone would mislead.
 */
export function describeExpiry(
  expiresAt: string | undefined,
  now: Date = new Date(),
): string {
  if (!expiresAt) return 'No expiry';
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return `Expires at ${expiresAt}`;
  const verb = at.getTime() <= now.getTime() ? 'Expired on' : 'Expires on';
  return `${verb} ${expiryDay(expiresAt)}`;
}

/** The day (and a time other than midnight) the access ends: "12 March 2027". */
export function expiryDay(expiresAt: string): string {
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return expiresAt;
  const midnight =
    at.getUTCHours() === 0 &&
    at.getUTCMinutes() === 0 &&
    at.getUTCSeconds() === 0;
  return `${DAY.format(at)}${midnight ? '' : ` at ${TIME.format(at)} UTC`}`;
}
