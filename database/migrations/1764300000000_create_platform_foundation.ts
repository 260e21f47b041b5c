import { BaseSchema } from '@adonisjs/lucid/schema'
import { SCOPE_ROLES } from '#tenancy/scopes'
import { globalTableGrants } from '#tenancy/rls_ddl'

/**
 * The `app` schema with the tenant setting reader, the tenants (the city root
 * and its districts) and the working-day calendar.
 */
export default class extends BaseSchema {
  async up() {
    const scopeRoles = Object.values(SCOPE_ROLES).join(', ')
    this.schema.raw(`CREATE SCHEMA IF NOT EXISTS app`)
    this.schema.raw(`GRANT USAGE ON SCHEMA app TO ${scopeRoles}`)
    // nullif: once a transaction set the value, later sessions read '' not NULL
    this.schema.raw(`
      CREATE FUNCTION app.current_tenant() RETURNS bigint
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::bigint $$`)
    this.schema.raw(`GRANT EXECUTE ON FUNCTION app.current_tenant() TO ${scopeRoles}`)

    this.schema.raw(`
      CREATE TABLE tenants (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        root_id bigint NOT NULL,
        parent_id bigint REFERENCES tenants(id),
        code char(6) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}$'),
        name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
        level text NOT NULL CHECK (level IN ('city', 'district')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        suspended_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (root_id, id),
        CHECK ((level = 'city') = (parent_id IS NULL))
      )`)
    // The root's root is itself; its identity is only known inside the insert
    this.schema.raw(`
      CREATE FUNCTION app.tenants_default_root() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.root_id IS NULL THEN NEW.root_id := NEW.id; END IF;
        RETURN NEW;
      END $$`)
    this.schema.raw(`
      CREATE TRIGGER tenants_default_root BEFORE INSERT ON tenants
      FOR EACH ROW EXECUTE FUNCTION app.tenants_default_root()`)
    this.schema.raw(`CREATE INDEX tenants_parent_idx ON tenants (parent_id)`)
    for (const sql of globalTableGrants('tenants', ['SELECT'])) this.schema.raw(sql)
    this.schema.raw(`GRANT INSERT, UPDATE ON tenants TO ${SCOPE_ROLES.city}, ${SCOPE_ROLES.global}`)

    this.schema.raw(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    this.schema.raw(`
      CREATE TABLE calendar_days (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    for (const table of ['calendar_years', 'calendar_days']) {
      for (const sql of globalTableGrants(table, ['SELECT'])) this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS calendar_days, calendar_years, tenants`)
    this.schema.raw(`DROP SCHEMA IF EXISTS app CASCADE`)
  }
}
