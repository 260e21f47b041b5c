import { BaseSchema } from '@adonisjs/lucid/schema'
import { globalTableGrants, tenantTableRls } from '#tenancy/rls_ddl'

/**
 * The credit module (domain.md §6). Records and negative-list rules are
 * global (ARCHITECTURE.md §2): a market ban holds city-wide by law, so every
 * district's gate reads the same rows; they are written only through actions
 * that check the `CreditRecord` and `CreditRule` abilities. Nothing is ever
 * deleted: a record ends by expiry or revocation, a rule by withdrawal, so
 * the check snapshots that name them stay readable.
 *
 * Each gate check is a tenant row (the act it guarded happened in that
 * tenant) with the snapshot of what was considered and the outcome.
 */
const CODE = `'^[0-9A-Z]{18}$'`
const ROLES = `'{tenderer,bidder,agency}'::text[]`
const CATEGORIES = `'{construction,government_procurement,land,mining,state_property}'::text[]`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE credit_records (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subject_code text NOT NULL CHECK (subject_code ~ ${CODE}),
        subject_code_type text NOT NULL CHECK (subject_code_type IN ('uscc', 'id_card')),
        subject_name text NOT NULL CHECK (length(subject_name) BETWEEN 2 AND 200),
        kind text NOT NULL
          CHECK (kind IN ('violation', 'blacklist', 'blacklist_revocation', 'reward', 'performance')),
        title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
        content text NOT NULL DEFAULT '' CHECK (length(content) <= 2000),
        penalty_type text CHECK (penalty_type IN
          ('warning', 'fine', 'confiscation', 'disqualification', 'suspension', 'licence_revocation', 'other')),
        fine_amount numeric(18, 2) CHECK (fine_amount > 0),
        legal_basis text CHECK (length(legal_basis) <= 500),
        issuing_department text NOT NULL CHECK (length(issuing_department) BETWEEN 2 AND 100),
        source_document text NOT NULL CHECK (length(source_document) BETWEEN 2 AND 100),
        decided_on date NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        restricts boolean NOT NULL DEFAULT false,
        restricted_roles text[] NOT NULL DEFAULT '{}' CHECK (restricted_roles <@ ${ROLES}),
        categories text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ${CATEGORIES}),
        region_prefix text NOT NULL DEFAULT '50' CHECK (region_prefix ~ '^50[0-9]{0,4}$'),
        is_public boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'revoked')),
        revokes_record_id bigint REFERENCES credit_records (id),
        status_changed_at timestamptz,
        recorded_in_tenant_id bigint NOT NULL REFERENCES tenants (id),
        created_by bigint REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CHECK ((kind = 'blacklist_revocation') = (revokes_record_id IS NOT NULL)),
        CHECK (NOT restricts OR kind IN ('violation', 'blacklist')),
        CHECK (kind <> 'blacklist' OR restricts)
      )`)
    this.schema.raw(
      `CREATE INDEX credit_records_subject_idx ON credit_records (subject_code, kind)`
    )

    this.schema.raw(`
      CREATE TABLE credit_rules (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        condition_kinds text[] NOT NULL
          CHECK (cardinality(condition_kinds) >= 1
            AND condition_kinds <@ '{violation,blacklist,performance}'::text[]),
        condition_min_count smallint NOT NULL CHECK (condition_min_count BETWEEN 1 AND 100),
        condition_within_months smallint CHECK (condition_within_months BETWEEN 1 AND 120),
        restricted_roles text[] NOT NULL
          CHECK (cardinality(restricted_roles) >= 1 AND restricted_roles <@ ${ROLES}),
        categories text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ${CATEGORIES}),
        region_prefix text NOT NULL CHECK (region_prefix ~ '^50[0-9]{0,4}$'),
        starts_on date NOT NULL,
        ends_on date,
        source_document text NOT NULL CHECK (length(source_document) BETWEEN 2 AND 100),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        owner_tenant_id bigint NOT NULL REFERENCES tenants (id),
        created_by bigint REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`)

    for (const table of ['credit_records', 'credit_rules']) {
      for (const sql of globalTableGrants(table, ['SELECT', 'INSERT', 'UPDATE'])) {
        this.schema.raw(sql)
      }
    }

    this.schema.raw(`
      CREATE TABLE credit_checks (
        id bigint GENERATED ALWAYS AS IDENTITY,
        root_tenant_id bigint NOT NULL REFERENCES tenants (id),
        tenant_id bigint NOT NULL REFERENCES tenants (id),
        subject_code text NOT NULL CHECK (subject_code ~ ${CODE}),
        stage text NOT NULL CHECK (stage IN ('project_registration', 'bid_submission', 'award')),
        role text NOT NULL CHECK (role IN ('tenderer', 'bidder', 'agency')),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 50),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        trade_id bigint,
        project_id bigint,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused')),
        snapshot jsonb NOT NULL,
        actor_account_id bigint,
        checked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX credit_checks_subject_idx ON credit_checks (tenant_id, subject_code, id)`
    )
    for (const sql of tenantTableRls('credit_checks', { grants: ['SELECT', 'INSERT'] })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS credit_checks, credit_rules, credit_records')
  }
}
