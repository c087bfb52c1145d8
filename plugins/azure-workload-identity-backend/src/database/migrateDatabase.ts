import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export const migrationsDirectory = resolvePackagePath(
  '@backstage-community/plugin-azure-workload-identity-backend',
  'migrations',
);

/** Brings the plugin's tables up to the latest dated migration. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDirectory });
}
