/**
 * PostgreSQL and Redis, as CI provides them (.ci/run starts both and sets these variables). A
 * suite that needs them runs where they are set, and where AWI_REQUIRE_POSTGRES says they must
 * be; anywhere else it is skipped.
 */
export const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
export const REDIS = process.env.AWI_TEST_REDIS_URL;

const servicesMissing = !POSTGRES || !REDIS;

export const describeWithServices =
  servicesMissing && !process.env.AWI_REQUIRE_POSTGRES
    ? describe.skip
    : describe;

/** Fails the suite, saying what to set, when it must run without the services. */
export function requireServices(): { postgres: string; redis: string } {
  if (!POSTGRES || !REDIS) {
    throw new Error(
      'set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING and AWI_TEST_REDIS_URL (bash .ci/run starts both)',
    );
  }
  return { postgres: POSTGRES, redis: REDIS };
}
