import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Trades run by the procedure engine (ARCHITECTURE.md §6): the current state
 * of each trade and the history of its transitions. Milestones (dates the
 * periods count from, such as the first issue of the documents) live with
 * the trade, so guards read them in the same row they lock.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE trades (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        procedure_id text NOT NULL,
        category text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        state text NOT NULL,
        milestones jsonb NOT NULL DEFAULT '{}',
        suspended_at timestamptz,
        suspended_reason text,
        created_by bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(`CREATE INDEX trades_tenant_idx ON trades (tenant_id, id)`)
    for (const sql of tenantTableRls('trades')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE trade_transitions (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        event text NOT NULL,
        from_state text NOT NULL,
        to_state text NOT NULL,
        actor_account_id bigint,
        actor_role text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX trade_transitions_trade_idx ON trade_transitions (root_tenant_id, trade_id, id)`
    )
    for (const sql of tenantTableRls('trade_transitions', { grants: ['SELECT', 'INSERT'] })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS trade_transitions, trades`)
  }
}
