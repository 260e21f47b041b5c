import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { SCOPE_ROLES } from '#tenancy/scopes'
import { pluginGlobalTables } from '#plugin_host/plugin_host'

/**
 * Catalogue lints that keep the schema honest (ARCHITECTURE.md §2 and §10,
 * datalayer.md §1–2). They read only pg_catalog, so they run on any client,
 * including a transaction that has just created a table it wants judged.
 *
 * - `lintRls`: the tenant wall. Every tenant table has ENABLE + FORCE RLS and
 *   an equality policy per scope role and command; no view over a tenant
 *   table runs with its owner's rights; no SECURITY DEFINER function.
 * - `lintCitus`: the five rules that keep the schema distributable on
 *   `root_tenant_id`.
 */

/** The column every tenant table is (or will be) distributed on */
export const DISTRIBUTION_COLUMN = 'root_tenant_id'

/**
 * Global tables: shared city-wide, not under RLS, Citus reference tables.
 * `staff_memberships` carries a `tenant_id` yet is global by design (see its
 * migration). Installed plugins declare theirs in the manifest's
 * `globalTables`; every other table is a tenant table.
 */
export const GLOBAL_TABLES: readonly string[] = [
  'tenants',
  'calendar_years',
  'calendar_days',
  'accounts',
  'market_entities',
  'entity_members',
  'staff_memberships',
  'plugin_policies',
  'platform_clock',
  'adonis_schema',
  'adonis_schema_versions',
]

export interface LintFinding {
  rule: string
  /** The table, view, index, constraint or function at fault */
  object: string
  message: string
}

export interface LintOptions {
  globalTables?: readonly string[]
}

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const
const NEEDS_USING = new Set(['SELECT', 'UPDATE', 'DELETE'])
const NEEDS_CHECK = new Set(['INSERT', 'UPDATE'])
/** Both lose ordered index scans (datalayer.md §1.4: about 55x on a list page) */
const NON_EQUALITY = /\bOR\b|\bANY\b/i

/** Tables of schema public with a `tenant_id` column that are not declared global */
export async function tenantTables(client: QueryClientContract, options: LintOptions = {}) {
  const globals = new Set(options.globalTables ?? [...GLOBAL_TABLES, ...pluginGlobalTables()])
  const { rows } = await client.rawQuery(`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and exists (select 1 from pg_attribute a
        where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by c.relname`)
  return (rows as Array<{ name: string; rls: boolean; forced: boolean }>).filter(
    (row) => !globals.has(row.name)
  )
}

interface PolicyRow {
  table: string
  name: string
  permissive: string
  roles: string[]
  cmd: string
  qual: string | null
  with_check: string | null
}

export async function lintRls(
  client: QueryClientContract,
  options: LintOptions = {}
): Promise<LintFinding[]> {
  const findings: LintFinding[] = []
  const tables = await tenantTables(client, options)
  const { rows: policies } = (await client.rawQuery(`
    select tablename as table, policyname as name, permissive, roles::text[] as roles, cmd,
      qual, with_check
    from pg_policies where schemaname = 'public'`)) as { rows: PolicyRow[] }

  for (const table of tables) {
    if (!table.rls) {
      findings.push({ rule: 'rls-enabled', object: table.name, message: 'RLS is not enabled' })
    }
    if (!table.forced) {
      findings.push({
        rule: 'rls-forced',
        object: table.name,
        message: 'RLS is not forced: the owner bypasses it',
      })
    }
    const own = policies.filter((policy) => policy.table === table.name)
    for (const role of [SCOPE_ROLES.tenant, SCOPE_ROLES.city]) {
      for (const command of COMMANDS) {
        const covered = own.some(
          (policy) =>
            policy.permissive === 'PERMISSIVE' &&
            (policy.cmd === command || policy.cmd === 'ALL') &&
            (policy.roles.includes(role) || policy.roles.includes('public')) &&
            (!NEEDS_USING.has(command) || policy.qual !== null) &&
            (!NEEDS_CHECK.has(command) || policy.with_check !== null)
        )
        if (!covered) {
          const clauses = [
            NEEDS_USING.has(command) && 'USING',
            NEEDS_CHECK.has(command) && 'WITH CHECK',
          ]
          findings.push({
            rule: 'policy-missing',
            object: table.name,
            message: `no ${command} policy for ${role} with ${clauses.filter(Boolean).join(' and ')}`,
          })
        }
      }
    }
    for (const policy of own) {
      for (const expression of [policy.qual, policy.with_check]) {
        if (expression && NON_EQUALITY.test(expression)) {
          findings.push({
            rule: 'policy-not-equality',
            object: `${table.name}.${policy.name}`,
            message: `policy is not an equality: ${expression}`,
          })
        }
      }
    }
  }

  const tenantNames = new Set(tables.map((table) => table.name))
  const { rows: views } = await client.rawQuery(`
    select distinct vn.nspname || '.' || v.relname as view, t.relname as table
    from pg_class v
    join pg_namespace vn on vn.oid = v.relnamespace
    join pg_rewrite r on r.ev_class = v.oid
    join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
      and d.refclassid = 'pg_class'::regclass
    join pg_class t on t.oid = d.refobjid and t.oid <> v.oid
    join pg_namespace tn on tn.oid = t.relnamespace and tn.nspname = 'public'
    where v.relkind in ('v', 'm') and vn.nspname in ('public', 'app')
      and not exists (select 1 from unnest(coalesce(v.reloptions, '{}')) o
        where lower(o) in ('security_invoker=true', 'security_invoker=on',
          'security_invoker=1', 'security_invoker=yes'))`)
  for (const row of views as Array<{ view: string; table: string }>) {
    if (tenantNames.has(row.table)) {
      findings.push({
        rule: 'view-not-invoker',
        object: row.view,
        message: `reads tenant table ${row.table} with its owner's rights (needs security_invoker)`,
      })
    }
  }

  const { rows: definers } = await client.rawQuery(`
    select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
      as fn
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and n.nspname in ('public', 'app')`)
  for (const row of definers as Array<{ fn: string }>) {
    findings.push({
      rule: 'security-definer',
      object: row.fn,
      message: 'SECURITY DEFINER function: runs with its owner rights, past RLS',
    })
  }
  return findings
}

interface TableRow {
  oid: number
  name: string
  dist_attnum: number | null
  dist_not_null: boolean | null
  dist_type: string | null
}

/**
 * datalayer.md §2, on `root_tenant_id`:
 * R1 a table without it is a declared global (reference) table;
 * R2 it is NOT NULL and bigint everywhere;
 * R3 every PRIMARY KEY / UNIQUE index of a tenant table includes it;
 * R4 a foreign key between tenant tables pairs it on both sides;
 * R5 no foreign key from a global table to a tenant table.
 */
export async function lintCitus(
  client: QueryClientContract,
  options: LintOptions = {}
): Promise<LintFinding[]> {
  const globals = new Set(options.globalTables ?? [...GLOBAL_TABLES, ...pluginGlobalTables()])
  const findings: LintFinding[] = []
  const { rows: tables } = (await client.rawQuery(
    `
    select c.oid::int as oid, c.relname as name, a.attnum::int as dist_attnum,
      a.attnotnull as dist_not_null, format_type(a.atttypid, a.atttypmod) as dist_type
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = ? and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`,
    [DISTRIBUTION_COLUMN]
  )) as { rows: TableRow[] }
  const byOid = new Map(tables.map((table) => [table.oid, table]))
  const distributed = (oid: number) => (byOid.get(oid)?.dist_attnum ?? null) !== null

  for (const table of tables) {
    if (table.dist_attnum === null && !globals.has(table.name)) {
      findings.push({
        rule: 'R1',
        object: table.name,
        message: `has no ${DISTRIBUTION_COLUMN} and is not a declared global table`,
      })
    }
    if (table.dist_attnum !== null && (!table.dist_not_null || table.dist_type !== 'bigint')) {
      findings.push({
        rule: 'R2',
        object: table.name,
        message: `${DISTRIBUTION_COLUMN} must be bigint NOT NULL (is ${table.dist_type}${table.dist_not_null ? ' NOT NULL' : ', nullable'})`,
      })
    }
  }

  const { rows: indexes } = await client.rawQuery(`
    select x.indrelid::int as table_oid, i.relname as name, x.indkey::int2[] as keys
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = i.relnamespace
    where (x.indisunique or x.indisprimary) and n.nspname = 'public'`)
  for (const index of indexes as Array<{ table_oid: number; name: string; keys: number[] }>) {
    const table = byOid.get(index.table_oid)
    if (!table || table.dist_attnum === null) continue
    if (!index.keys.includes(table.dist_attnum)) {
      findings.push({
        rule: 'R3',
        object: index.name,
        message: `unique index on ${table.name} does not include ${DISTRIBUTION_COLUMN}`,
      })
    }
  }

  const { rows: foreignKeys } = await client.rawQuery(`
    select con.conname as name, con.conrelid::int as table_oid, con.confrelid::int as ref_oid,
      con.conkey as keys, con.confkey as ref_keys, f.relname as ref_name
    from pg_constraint con
    join pg_class f on f.oid = con.confrelid
    join pg_namespace n on n.oid = con.connamespace
    where con.contype = 'f' and n.nspname = 'public'`)
  for (const fk of foreignKeys as Array<{
    name: string
    table_oid: number
    ref_oid: number
    keys: number[]
    ref_keys: number[]
    ref_name: string
  }>) {
    const table = byOid.get(fk.table_oid)
    if (!table) continue
    if (distributed(fk.table_oid) && distributed(fk.ref_oid)) {
      const at = fk.keys.indexOf(table.dist_attnum!)
      if (at === -1 || fk.ref_keys[at] !== byOid.get(fk.ref_oid)!.dist_attnum) {
        findings.push({
          rule: 'R4',
          object: fk.name,
          message: `foreign key ${table.name} → ${fk.ref_name} does not pair ${DISTRIBUTION_COLUMN} on both sides`,
        })
      }
    }
    if (!distributed(fk.table_oid) && distributed(fk.ref_oid)) {
      findings.push({
        rule: 'R5',
        object: fk.name,
        message: `foreign key from global table ${table.name} to tenant table ${fk.ref_name}`,
      })
    }
  }
  return findings
}
