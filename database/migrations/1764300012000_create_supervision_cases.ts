import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Supervision cases (domain.md §7.2 alarm workflow, 立案): a case is opened
 * from one or more alerts of one trade, numbered per tenant and year, run by
 * the supervisor who opened it, with notes appended as the inquiry goes and
 * a closing decision with its reason. Notes are never edited, only added.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE supervision_cases (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        number text NOT NULL,
        category text NOT NULL,
        trade_id bigint NOT NULL,
        supervisor_id bigint NOT NULL REFERENCES accounts (id),
        opening_reason text NOT NULL,
        opened_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        decision text
          CHECK (decision IN ('no_violation', 'penalty_referred', 'trade_cancelled')),
        decision_reason text,
        closed_by bigint REFERENCES accounts (id),
        closed_at timestamptz,
        CHECK ((status = 'closed') = (decision IS NOT NULL AND closed_at IS NOT NULL)),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, tenant_id, number),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('supervision_cases')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE supervision_case_notes (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        case_id bigint NOT NULL,
        author_id bigint NOT NULL REFERENCES accounts (id),
        text text NOT NULL,
        written_at timestamptz NOT NULL,
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, case_id) REFERENCES supervision_cases (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX supervision_case_notes_case_idx ON supervision_case_notes (root_tenant_id, case_id)`
    )
    for (const sql of tenantTableRls('supervision_case_notes', { grants: ['SELECT', 'INSERT'] }))
      this.schema.raw(sql)

    this.schema.raw(`ALTER TABLE alerts ADD COLUMN case_id bigint,
      ADD FOREIGN KEY (root_tenant_id, case_id) REFERENCES supervision_cases (root_tenant_id, id)`)
  }

  async down() {
    this.schema.raw(`ALTER TABLE alerts DROP COLUMN IF EXISTS case_id`)
    this.schema.raw(`DROP TABLE IF EXISTS supervision_case_notes, supervision_cases`)
  }
}
