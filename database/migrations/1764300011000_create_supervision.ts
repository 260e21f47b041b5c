import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Supervision (ARCHITECTURE.md §7): alert rule thresholds per tenant, the
 * alerts the rules raise with their evidence and the supervisor's decision,
 * and objections, challenges and complaints with their legal clocks
 * (domain.md §9). Bids keep the submitting device's fingerprint and IP, the
 * data W01/W02 compare (domain.md §7.1).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`ALTER TABLE bids ADD COLUMN fingerprint text
      CHECK (fingerprint ~ '^[0-9a-f]{64}$'), ADD COLUMN submit_ip inet`)

    this.schema.raw(`
      CREATE TABLE alert_rule_thresholds (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        rule_code text NOT NULL CHECK (rule_code ~ '^W[0-9]{2}$'),
        thresholds jsonb NOT NULL,
        updated_by bigint REFERENCES accounts (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, tenant_id, rule_code),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('alert_rule_thresholds')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE complaints (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL CHECK (kind IN ('objection', 'challenge', 'complaint')),
        regime text NOT NULL CHECK (regime IN ('construction', 'government_procurement')),
        stage text NOT NULL,
        trade_id bigint,
        complainant_entity_id bigint NOT NULL REFERENCES market_entities (id),
        respondent text NOT NULL,
        claims text NOT NULL,
        known_on date NOT NULL,
        filed_at timestamptz NOT NULL,
        filed_on date NOT NULL,
        status text NOT NULL DEFAULT 'filed'
          CHECK (status IN ('filed', 'accepted', 'rejected', 'answered', 'decided')),
        accepted_on date,
        clock_stops jsonb NOT NULL DEFAULT '[]',
        outcome text,
        outcome_on date,
        handled_by bigint REFERENCES accounts (id),
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('complaints')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE alerts (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        rule_code text NOT NULL CHECK (rule_code ~ '^W[0-9]{2}$'),
        cardinal_code text,
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        category text NOT NULL,
        trade_id bigint,
        complaint_id bigint,
        dedupe_key text NOT NULL,
        evidence jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'dismissed', 'case_opened', 'suspended')),
        decision_reason text,
        decided_by bigint REFERENCES accounts (id),
        decided_at timestamptz,
        raised_at timestamptz NOT NULL,
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, tenant_id, rule_code, dedupe_key),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, complaint_id) REFERENCES complaints (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX alerts_open_idx ON alerts (root_tenant_id, tenant_id, status, raised_at DESC)`
    )
    for (const sql of tenantTableRls('alerts')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS complaints, alerts, alert_rule_thresholds`)
    this.schema.raw(
      `ALTER TABLE bids DROP COLUMN IF EXISTS fingerprint, DROP COLUMN IF EXISTS submit_ip`
    )
  }
}
