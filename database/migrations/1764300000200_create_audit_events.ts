import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * The append-only, hash-chained audit log (ARCHITECTURE.md §4): one chain per
 * tenant, `hash = sha256(prev_hash || canonical json)`. The app may insert
 * and read; a trigger refuses UPDATE, DELETE and TRUNCATE from anyone.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE audit_events (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        seq bigint NOT NULL CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_account_id bigint,
        actor_label text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        ip inet,
        payload jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, tenant_id, seq),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX audit_events_tenant_time_idx ON audit_events (root_tenant_id, tenant_id, occurred_at DESC)`
    )
    this.schema.raw(`
      CREATE FUNCTION app.audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`)
    this.schema.raw(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION app.audit_events_immutable()`)
    this.schema.raw(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION app.audit_events_immutable()`)
    for (const sql of tenantTableRls('audit_events', {
      grants: ['SELECT', 'INSERT'],
      globalScopeAppend: true,
    })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS audit_events`)
    this.schema.raw(`DROP FUNCTION IF EXISTS app.audit_events_immutable()`)
  }
}
