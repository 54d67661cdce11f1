/**
 * What the web console needs: browser sessions of staff (SECURITY.md WA-5; a row holds the SHA-256 of its token,
 * never the token), the per-account sign-in failure count that slows guessing (WA-4), and indexes for the console's
 * queries (related indicators by brand and domain, reports per day).
 */
import type { Kysely, Migration } from 'kysely';

export function consoleMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('users').addColumn('last_failed_login_at', 'text').execute();
      await db.schema.createIndex('indicators_brand_last_seen').on('indicators').columns(['brand', 'last_seen']).execute();
      await db.schema.createIndex('indicators_domain').on('indicators').column('domain').execute();
      await db.schema.createIndex('reports_submitted').on('reports').column('submitted_at').execute();
    },
  };
}
