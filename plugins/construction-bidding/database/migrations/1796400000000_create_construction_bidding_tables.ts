import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Construction tenders (domain.md §1.1) on top of the trading core: the
 * trade carries the state, its milestones and history; these tables hold
 * what the core does not know: the tender's terms (method, estimate, deposit,
 * evaluation method), invitees, objections, bid deposits and the alerts the
 * supervisor sees when a legal time limit passes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE cb_tenders (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        trade_id bigint NOT NULL,
        project_id bigint NOT NULL,
        tender_code char(20) NOT NULL,
        section_code char(23) NOT NULL,
        section_name text NOT NULL CHECK (length(section_name) BETWEEN 1 AND 200),
        tender_mode text NOT NULL CHECK (tender_mode IN ('public', 'invited')),
        prequalification boolean NOT NULL DEFAULT false,
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
        estimate numeric(18, 2) NOT NULL CHECK (estimate > 0),
        deposit numeric(18, 2) NOT NULL CHECK (deposit >= 0),
        ceiling_price numeric(18, 2),
        evaluation_method text NOT NULL
          CHECK (evaluation_method IN ('lowest_evaluated_price', 'comprehensive_scoring')),
        weights jsonb,
        tenderer_representatives integer NOT NULL DEFAULT 0 CHECK (tenderer_representatives >= 0),
        invitee_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, trade_id),
        UNIQUE (root_tenant_id, tender_code),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, project_id) REFERENCES projects (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX cb_tenders_project_idx ON cb_tenders (root_tenant_id, project_id)`
    )
    for (const sql of tenantTableRls('cb_tenders')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE cb_objections (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        stage text NOT NULL CHECK (stage IN ('documents', 'candidates')),
        entity_id bigint NOT NULL REFERENCES market_entities (id),
        filed_by bigint NOT NULL REFERENCES accounts (id),
        filed_at timestamptz NOT NULL,
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
        answer text CHECK (length(answer) BETWEEN 1 AND 2000),
        answered_at timestamptz,
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX cb_objections_trade_idx ON cb_objections (root_tenant_id, trade_id)`
    )
    for (const sql of tenantTableRls('cb_objections')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE cb_deposits (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        trade_id bigint NOT NULL,
        entity_id bigint NOT NULL REFERENCES market_entities (id),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        from_basic_account boolean NOT NULL,
        recorded_by bigint NOT NULL REFERENCES accounts (id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (root_tenant_id, trade_id, entity_id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('cb_deposits')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE cb_alerts (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('contract_overdue', 'objection_unanswered')),
        due_at timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, trade_id, kind, due_at),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('cb_alerts')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS cb_alerts, cb_deposits, cb_objections, cb_tenders')
  }
}
