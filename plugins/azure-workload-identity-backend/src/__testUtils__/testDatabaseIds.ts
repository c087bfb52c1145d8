import { TestDatabaseId } from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The databases the tests run on: SQLite always, PostgreSQL when a server is configured.
 * TestDatabases would otherwise reach for Docker when CI is set, and there is no Docker here.
 * `.ci/run` sets AWI_REQUIRE_POSTGRES so a CI without PostgreSQL fails instead of passing on
 * SQLite alone.
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const configured = Boolean(process.env[POSTGRES_ENV]);
  if (!configured && process.env.AWI_REQUIRE_POSTGRES) {
    throw new Error(`${POSTGRES_ENV} must be set when AWI_REQUIRE_POSTGRES is`);
  }
  return configured ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
}
