import { BaseSchema } from '@adonisjs/lucid/schema'
import { globalTableGrants } from '#tenancy/rls_ddl'

/**
 * Accounts (one per person, city-wide), market entities (registered once by
 * 统一社会信用代码 or ID number), their members, and staff memberships.
 *
 * Staff memberships are global rather than tenant rows: the ability for any
 * tenant depends on city-wide roles held at the root, and one login must see
 * every membership of its account wherever it browses.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE accounts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text UNIQUE CHECK (email = lower(email) AND length(email) <= 254),
        mobile text UNIQUE CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
        password text NOT NULL,
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
        locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (email IS NOT NULL OR mobile IS NOT NULL)
      )`)

    this.schema.raw(`
      CREATE TABLE market_entities (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code_type text NOT NULL CHECK (code_type IN ('uscc', 'id_card')),
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z]{18}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        entity_type text NOT NULL CHECK (entity_type IN
          ('legal_person', 'other_org', 'individual_business', 'natural_person')),
        region_code char(6) CHECK (region_code ~ '^[0-9]{6}$'),
        address text CHECK (length(address) <= 300),
        legal_representative text CHECK (length(legal_representative) <= 50),
        registered_by bigint NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((code_type = 'id_card') = (entity_type = 'natural_person'))
      )`)

    this.schema.raw(`
      CREATE TABLE entity_members (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entity_id bigint NOT NULL REFERENCES market_entities(id),
        account_id bigint NOT NULL REFERENCES accounts(id),
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (entity_id, account_id)
      )`)
    this.schema.raw(`CREATE INDEX entity_members_account_idx ON entity_members (account_id)`)

    this.schema.raw(`
      CREATE TABLE staff_memberships (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts(id),
        tenant_id bigint NOT NULL REFERENCES tenants(id),
        role text NOT NULL CHECK (role IN ('city_admin', 'center_admin', 'center_operator',
          'supervisor', 'auditor', 'expert_admin', 'expert_drawer')),
        department text CHECK (length(department) <= 50),
        categories text[] NOT NULL DEFAULT '{}',
        created_by bigint REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, tenant_id, role),
        CHECK ((role = 'supervisor') = (department IS NOT NULL))
      )`)
    this.schema.raw(`CREATE INDEX staff_memberships_tenant_idx ON staff_memberships (tenant_id)`)

    for (const sql of globalTableGrants('accounts', ['SELECT', 'INSERT', 'UPDATE'])) {
      this.schema.raw(sql)
    }
    for (const sql of globalTableGrants('market_entities', ['SELECT', 'INSERT', 'UPDATE'])) {
      this.schema.raw(sql)
    }
    for (const sql of globalTableGrants('entity_members', ['SELECT', 'INSERT', 'DELETE'])) {
      this.schema.raw(sql)
    }
    for (const sql of globalTableGrants('staff_memberships', ['SELECT', 'INSERT', 'DELETE'])) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(
      `DROP TABLE IF EXISTS staff_memberships, entity_members, market_entities, accounts`
    )
  }
}
