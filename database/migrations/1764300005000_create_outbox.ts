import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * The transactional outbox for timers (ARCHITECTURE.md §6): a timer is a row
 * written in the same transaction as the change that sets it; the queue only
 * triggers work. `handled_at` is set in the transaction that does the work,
 * so each timer takes effect once however often its job is delivered.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE outbox (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        queue text NOT NULL,
        job_name text NOT NULL,
        dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
        payload jsonb NOT NULL DEFAULT '{}',
        run_at timestamptz NOT NULL,
        handled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, tenant_id, dedupe_key),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX outbox_due_idx ON outbox (root_tenant_id, tenant_id, run_at) WHERE handled_at IS NULL`
    )
    for (const sql of tenantTableRls('outbox', { grants: ['SELECT', 'INSERT', 'UPDATE'] })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS outbox`)
  }
}
