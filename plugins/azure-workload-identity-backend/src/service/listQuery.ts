import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../database/KnexRequestStore';
import { REQUEST_ID_PATTERN } from '../requests/requestId';
import { REQUEST_STATUSES } from '../requests/types';

function canonicalRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** `GET /requests` query parameters; unknown ones are refused so a typo is not a silent no-op. */
export const listRequestsQuerySchema = z
  .object({
    entityRef: z
      .string()
      .regex(
        /^[a-z][\w-]*:[a-z0-9][\w.-]*\/[a-zA-Z0-9][\w.-]*$/i,
        'use a full entity ref, e.g. component:default/orders-api',
      )
      // Stored as the catalog spells refs (lower case), so any spelling finds them.
      .transform(canonicalRef)
      .optional(),
    status: z
      .enum(REQUEST_STATUSES, {
        errorMap: () => ({
          message: `use one of ${REQUEST_STATUSES.join(', ')}`,
        }),
      })
      .optional(),
    requestedBy: z
      .string()
      .regex(
        /^user:[a-z0-9][\w.-]*\/[a-zA-Z0-9][\w.-]*$/i,
        'use a user entity ref, e.g. user:default/olivia-orders',
      )
      .transform(canonicalRef)
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: `use a number from 1 to ${MAX_PAGE_SIZE}` })
      .int(`use a whole number from 1 to ${MAX_PAGE_SIZE}`)
      .min(1, 'ask for at least 1 request per page')
      .max(
        MAX_PAGE_SIZE,
        `at most ${MAX_PAGE_SIZE} per page; use the cursor for more`,
      )
      .optional(),
    cursor: z
      .string()
      .max(512, 'use the nextCursor of a previous page')
      .optional(),
  })
  .strict();

export const requestIdParamsSchema = z.object({
  id: z
    .string()
    .regex(
      REQUEST_ID_PATTERN,
      'use a request id as the API returned it, e.g. 0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
    ),
});
