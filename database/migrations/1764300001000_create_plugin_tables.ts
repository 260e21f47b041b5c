import { BaseSchema } from '@adonisjs/lucid/schema'
import { SCOPE_ROLES } from '#tenancy/scopes'
import { globalTableGrants, tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Plugin enablement (ARCHITECTURE.md §5). Plugin tables are created by their
 * own migrations at deploy time, so enabling is a row here and never DDL.
 * - plugin_policies (global): whether districts may enable a plugin; the
 *   city admin decides.
 * - tenant_plugins (tenant rows): which plugins a tenant enabled, with its
 *   settings. Disabling keeps the row (and the plugin's data).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE plugin_policies (
        plugin_id text PRIMARY KEY CHECK (plugin_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        districts_allowed boolean NOT NULL DEFAULT false,
        updated_by bigint REFERENCES accounts(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`)
    for (const sql of globalTableGrants('plugin_policies', ['SELECT'])) this.schema.raw(sql)
    this.schema.raw(`GRANT INSERT, UPDATE ON plugin_policies TO ${SCOPE_ROLES.city}`)

    this.schema.raw(`
      CREATE TABLE tenant_plugins (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        plugin_id text NOT NULL CHECK (plugin_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        enabled boolean NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        changed_by bigint,
        enabled_at timestamptz,
        disabled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, tenant_id, plugin_id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('tenant_plugins', {
      grants: ['SELECT', 'INSERT', 'UPDATE'],
    })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS tenant_plugins, plugin_policies`)
  }
}
