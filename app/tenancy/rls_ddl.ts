import { SCOPE_ROLES } from '#tenancy/scopes'

/**
 * The DDL that turns a table with `root_tenant_id` and `tenant_id` into a
 * tenant table (ARCHITECTURE.md §2): ENABLE + FORCE row-level security and
 * one equality policy per scope role and command, each with USING and/or
 * WITH CHECK as the command needs. Migrations of the core and of plugins call
 * this one function, so every tenant table gets the same wall.
 */
export interface TenantTableOptions {
  /** Commands the scope roles are granted; audit tables grant only SELECT, INSERT */
  grants?: Array<'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'>
  /** Rows the global scope may read and append (the city's own audit chain) */
  globalScopeAppend?: boolean
}

const CURRENT = 'app.current_tenant()'

export function tenantTableRls(table: string, options: TenantTableOptions = {}): string[] {
  const grants = options.grants ?? ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
  const t = `"${table}"`
  const statements = [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_all ON ${t} FOR ALL TO ${SCOPE_ROLES.tenant}
       USING (tenant_id = ${CURRENT}) WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY ${table}_city_select ON ${t} FOR SELECT TO ${SCOPE_ROLES.city}
       USING (root_tenant_id = ${CURRENT})`,
    `CREATE POLICY ${table}_city_insert ON ${t} FOR INSERT TO ${SCOPE_ROLES.city}
       WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY ${table}_city_update ON ${t} FOR UPDATE TO ${SCOPE_ROLES.city}
       USING (tenant_id = ${CURRENT}) WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY ${table}_city_delete ON ${t} FOR DELETE TO ${SCOPE_ROLES.city}
       USING (tenant_id = ${CURRENT})`,
    `GRANT ${grants.join(', ')} ON ${t} TO ${SCOPE_ROLES.tenant}, ${SCOPE_ROLES.city}`,
  ]
  if (options.globalScopeAppend) {
    statements.push(
      `CREATE POLICY ${table}_global_select ON ${t} FOR SELECT TO ${SCOPE_ROLES.global}
         USING (tenant_id = ${CURRENT})`,
      `CREATE POLICY ${table}_global_insert ON ${t} FOR INSERT TO ${SCOPE_ROLES.global}
         WITH CHECK (tenant_id = ${CURRENT})`,
      `GRANT SELECT, INSERT ON ${t} TO ${SCOPE_ROLES.global}`
    )
  }
  return statements
}

/**
 * Global tables (ARCHITECTURE.md §2): shared city-wide by law, not under RLS,
 * written only through actions that check abilities. Under Citus they become
 * reference tables; the schema lint reads this list.
 */
export function globalTableGrants(
  table: string,
  grants: Array<'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'>
): string[] {
  const roles = Object.values(SCOPE_ROLES).join(', ')
  return [`GRANT ${grants.join(', ')} ON "${table}" TO ${roles}`]
}
