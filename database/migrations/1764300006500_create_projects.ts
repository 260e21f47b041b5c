import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Projects (项目登记, ARCHITECTURE.md §6) and the per-platform serial counter
 * their national project numbers are drawn from. The counter is one row per
 * tenant, incremented in the registering transaction: a rolled-back
 * registration gives its serial back, and concurrent ones queue on the row
 * lock instead of racing to max()+1.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TYPE project_category AS ENUM
        ('construction', 'government_procurement', 'land', 'mining', 'state_property', 'other')`)
    this.schema.raw(`CREATE TYPE project_approval_level AS ENUM ('city', 'district')`)
    this.schema.raw(`
      CREATE TYPE project_fund_source AS ENUM
        ('city_finance', 'district_finance', 'state_capital', 'private', 'other')`)

    this.schema.raw(`
      CREATE TABLE project_serials (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        last_serial integer NOT NULL CHECK (last_serial BETWEEN 0 AND 999999),
        PRIMARY KEY (root_tenant_id, tenant_id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('project_serials', {
      grants: ['SELECT', 'INSERT', 'UPDATE'],
    })) {
      this.schema.raw(sql)
    }

    this.schema.raw(`
      CREATE TABLE projects (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        code char(17) NOT NULL,
        serial integer NOT NULL CHECK (serial BETWEEN 1 AND 999999),
        entity_id bigint NOT NULL REFERENCES market_entities (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        category project_category NOT NULL,
        approval_level project_approval_level NOT NULL,
        approving_authority text NOT NULL,
        invest_project_code text,
        fund_source project_fund_source NOT NULL,
        legally_bound boolean NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        region_code char(6) NOT NULL,
        contact_name text NOT NULL,
        contact_phone text NOT NULL,
        created_by bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, code),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema.raw(`CREATE INDEX projects_tenant_idx ON projects (tenant_id, id)`)
    this.schema.raw(`CREATE INDEX projects_entity_idx ON projects (tenant_id, entity_id, id)`)
    for (const sql of tenantTableRls('projects')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS projects, project_serials`)
    this.schema.raw(
      `DROP TYPE IF EXISTS project_category, project_approval_level, project_fund_source`
    )
  }
}
