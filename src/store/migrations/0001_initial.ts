/**
 * The initial schema. Migrations are append-only history: once released, this file never changes; a change to the
 * schema is a new numbered migration. Forward-only (no `down`): to go back, restore a backup (docs/operations.md).
 */
import { sql } from 'kysely';
import type { Kysely, Migration, RawBuilder } from 'kysely';
import type { Dialect } from '../dialect.js';
import { INDICATOR_KINDS, INDICATOR_STATUSES, REPORT_STATUSES, ROLES, VERDICTS } from '../schema.js';

/** Genesis `prev_hash` of the audit chain. Keep in sync with audit.repo.ts. */
const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** CHECK (column IN (…)) over constant values. */
function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

function zeroOrOne(column: string): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (0, 1)`;
}

export function initialMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('brands')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('domains', 'text', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull())
        .addColumn('generic', 'integer', (c) => c.notNull().check(zeroOrOne('generic')))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text')
        .addColumn('text', 'text')
        .addColumn('email_raw', sql.raw(dialect.bytesType))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', REPORT_STATUSES)))
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('payload_hash', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addCheckConstraint('reports_has_content', sql`url is not null or text is not null or email_raw is not null`)
        .execute();
      await db.schema
        .createIndex('reports_status_submitted')
        .on('reports')
        .columns(['status', 'submitted_at'])
        .execute();

      await db.schema
        .createTable('report_contacts')
        .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
        .addColumn('contact', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('indicators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', INDICATOR_KINDS)))
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('domain', 'text')
        .addColumn('verdict', 'text', (c) => c.notNull().check(oneOf('verdict', VERDICTS)))
        .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 100`))
        .addColumn('brand', 'text')
        .addColumn('signals', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('report_count', 'integer', (c) => c.notNull().check(sql`report_count >= 1`))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', INDICATOR_STATUSES)))
        .execute();
      // The feed: newest first, optionally by status; (last_seen, id) is the pagination key.
      await db.schema.createIndex('indicators_last_seen').on('indicators').columns(['last_seen', 'id']).execute();
      await db.schema
        .createIndex('indicators_status_last_seen')
        .on('indicators')
        .columns(['status', 'last_seen', 'id'])
        .execute();

      await db.schema
        .createTable('analyses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('cascade'))
        .addColumn('indicator_id', 'text', (c) => c.references('indicators.id').onDelete('cascade'))
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('analyses_has_subject', sql`report_id is not null or indicator_id is not null`)
        .execute();
      await db.schema.createIndex('analyses_report').on('analyses').columns(['report_id', 'created_at']).execute();
      await db.schema
        .createIndex('analyses_indicator')
        .on('analyses')
        .columns(['indicator_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ROLES)))
        .addColumn('disabled', 'integer', (c) => c.notNull().check(zeroOrOne('disabled')))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ROLES)))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_target').on('audit_events').columns(['target', 'seq']).execute();
      for (const statement of dialect.appendOnlyGuard('audit_events')) await statement.execute(db);

      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${AUDIT_GENESIS_HASH})`.execute(db);
    },
  };
}
