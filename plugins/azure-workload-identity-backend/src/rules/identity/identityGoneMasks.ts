/**
 * What an identity that is gone (or re-created with new ids) explains, so its rules mask it:
 * everything that pointed at the old one.
 */
export const IDENTITY_GONE_MASKS = [
  'sa-client-id-unknown',
  'fic-missing',
  'ra-missing',
  'ra-control-plane-only',
  'ra-orphaned',
  'request-drift',
  'token-client-not-found',
  'token-no-fic-configured',
];
